package io.parley.notification.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

/**
 * Mail templates on the classpath: {@code templates/email/<kind>.txt} (first line {@code Subject: ...}, a blank
 * line, then the text body) and {@code <kind>.html}. {@code {{name}}} is replaced by the parameter; in HTML the value
 * is escaped. A list is a block {@code {{#items}}...{{/items}}}, repeated {@code items} times (a parameter holding the
 * count); inside it {@code {{name}}} is the parameter {@code items.<i>.name} of the i-th repetition. A template
 * naming a parameter the job does not have is a bug, not something to send half-filled.
 */
final class EmailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9.]*)}}");
    private static final Pattern BLOCK = Pattern.compile("\\{\\{#([a-zA-Z][a-zA-Z0-9]*)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
    private static final String SUBJECT = "Subject:";

    record Rendered(String subject, String text, String html) {
    }

    private final Map<String, String> sources = new ConcurrentHashMap<>();

    Rendered render(String kind, Map<String, String> params) {
        String text = source(kind + ".txt");
        int end = text.indexOf('\n');
        if (!text.startsWith(SUBJECT) || end < 0) {
            throw new IllegalStateException("template " + kind + ".txt does not start with a Subject: line");
        }
        String subject = fill(text.substring(SUBJECT.length(), end).trim(), params, false)
                .replaceAll("[\\r\\n]+", " ");
        String body = fill(text.substring(end + 1).stripLeading(), params, false);
        String html = fill(source(kind + ".html"), params, true);
        return new Rendered(subject, body, html);
    }

    private String source(String name) {
        return sources.computeIfAbsent(name, key -> {
            ClassPathResource resource = new ClassPathResource("templates/email/" + key);
            try (InputStream in = resource.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (IOException e) {
                throw new IllegalStateException("no mail template " + key, e);
            }
        });
    }

    private static String fill(String template, Map<String, String> params, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(repeat(template, params));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = params.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("mail template needs parameter " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Expands every block into its repetitions, each naming its own parameters. */
    private static String repeat(String template, Map<String, String> params) {
        Matcher block = BLOCK.matcher(template);
        StringBuilder out = new StringBuilder();
        while (block.find()) {
            String list = block.group(1);
            String count = params.get(list);
            if (count == null || !count.matches("\\d{1,4}")) {
                throw new IllegalStateException("mail template needs the count parameter " + list);
            }
            StringBuilder repeated = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(count); i++) {
                String prefix = list + "." + i + ".";
                repeated.append(PLACEHOLDER.matcher(block.group(2))
                        .replaceAll(name -> Matcher.quoteReplacement("{{" + prefix + name.group(1) + "}}")));
            }
            block.appendReplacement(out, Matcher.quoteReplacement(repeated.toString()));
        }
        block.appendTail(out);
        return out.toString();
    }
}
