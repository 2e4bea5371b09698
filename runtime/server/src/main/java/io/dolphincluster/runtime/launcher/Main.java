package io.dolphincluster.runtime.launcher;

import picocli.CommandLine;

/** Entry point of {@code bin/dolphin}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        DnsCachePolicy.apply();
        int exit = new CommandLine(new DolphinCommand()).execute(args);
        if (exit != 0) System.exit(exit);
    }
}
