package io.parley.kernel.privacy;

/** What a {@link PersonalData} field of an erased subject reads as, for the handlers that must tell. */
public final class Erased {

    /**
     * The default. A control character starts it, which no accepted user input holds (docs/security.md, "Hostile
     * input"), so it is never mistaken for what someone typed.
     */
    public static final String VALUE = "\u0001erased";

    /** An erased display name, which views show as it is: an erased user needs no special case there. */
    public static final String DISPLAY_NAME = "Deleted user";

    private Erased() {
    }

    /** Whether a value read from an event was erased (its subject's key is gone). */
    public static boolean is(String value) {
        return VALUE.equals(value);
    }
}
