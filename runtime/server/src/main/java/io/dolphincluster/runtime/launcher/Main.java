package io.dolphincluster.runtime.launcher;

import picocli.CommandLine;

/**
 * Entry point of {@code bin/dolphin}: a node ({@link DolphinCommand}), or {@code certs ...} ({@link
 * CertsCommand}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CommonPoolPolicy.apply();
        if (args.length > 0 && args[0].equals("certs")) {
            int exit = CertsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
            if (exit != 0) System.exit(exit);
            return;
        }
        DnsCachePolicy.apply();
        int exit = new CommandLine(new DolphinCommand()).execute(args);
        if (exit != 0) System.exit(exit);
    }
}
