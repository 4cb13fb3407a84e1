package io.parley.command.attachment.web;

/**
 * A client's file name made safe to show and to put in a header: the last path segment, no control, format (bidi
 * overrides) or line-separator characters, at most {@value #MAX_LENGTH} characters; "file" when nothing is left.
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    static String clean(String name) {
        if (name == null) {
            return "file";
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder cleaned = new StringBuilder();
        last.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .filter(c -> Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.SURROGATE
                        && Character.getType(c) != Character.LINE_SEPARATOR
                        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR)
                .forEach(cleaned::appendCodePoint);
        String result = cleaned.toString().strip();
        if (result.length() > MAX_LENGTH) {
            int end = MAX_LENGTH;
            if (Character.isHighSurrogate(result.charAt(end - 1))) {
                end--;
            }
            result = result.substring(0, end);
        }
        return result.isEmpty() || result.equals(".") || result.equals("..") ? "file" : result;
    }
}
