package io.dolphincluster.runtime;

/** Makes untrusted text safe for one log line: no control characters, bounded length. */
public final class LogText {
    private static final int MAX = 64;

    private LogText() {}

    public static String of(String untrusted) {
        if (untrusted == null) return "<none>";
        String clean =
                untrusted
                        .codePoints()
                        .map(c -> Character.isISOControl(c) ? '?' : c)
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString();
        return clean.length() <= MAX ? clean : clean.substring(0, MAX) + "...";
    }
}
