package io.dolphincluster.client.cli;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/dolphin-client}: the example program. It connects with high availability on, then
 *
 * <ul>
 *   <li>{@code load-sample [rows]} creates {@code dfs://demo} (VALUE-partitioned by date) with
 *       table {@code trades} and appends sample rows in batches;
 *   <li>{@code summary} prints rows, volume and average price per symbol, and the rows of one day;
 *   <li>{@code master} prints the controller leader's alias ({@code getActiveMaster()}).
 * </ul>
 *
 * Options: {@code -s host:port[,host:port...]} (datanodes; the first is connected to, all of them
 * are the high-availability sites to fail over to; default the local cluster's three), {@code -u
 * user}, {@code -p password}, {@code --ca ca.crt} (TLS to a cluster with {@code enableHTTPS=true}:
 * the cluster CA's certificate, PEM).
 */
public final class DolphinClient {
    private DolphinClient() {}

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        List<String> sites =
                List.of(
                        option(rest, "-s", "127.0.0.1:8911,127.0.0.2:8911,127.0.0.3:8911")
                                .split(","));
        String user = option(rest, "-u", "admin");
        String password = option(rest, "-p", "123456");
        String ca = option(rest, "--ca", null);
        if (rest.isEmpty()) {
            System.err.println(
                    "usage: dolphin-client [-s host:port[,host:port...]] [-u user] [-p password] [--ca ca.crt] load-sample [rows] | summary | master");
            System.exit(2);
        }
        String first = sites.get(0).strip();
        int colon = first.lastIndexOf(':');
        io.dolphincluster.client.ClientOptions options =
                io.dolphincluster.client.ClientOptions.defaults();
        if (ca != null) options = options.withTrustedCa(new java.io.File(ca));
        try (DBConnection connection = new DBConnection(options)) {
            connection.connect(
                    first.substring(0, colon),
                    Integer.parseInt(first.substring(colon + 1)),
                    user,
                    password,
                    "",
                    true,
                    sites);
            switch (rest.get(0)) {
                case "load-sample" ->
                        load(connection, rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 100_000);
                case "summary" -> summary(connection);
                case "master" -> System.out.println(connection.getActiveMaster());
                default -> {
                    System.err.println("unknown command " + rest.get(0));
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("dolphin-client: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void load(DBConnection connection, int rows) {
        connection.createDatabase(SampleTrades.DATABASE, "VALUE");
        connection.createTable(
                SampleTrades.DATABASE, SampleTrades.TABLE, SampleTrades.SCHEMA, "date");
        long started = System.nanoTime();
        int batch = 10_000;
        for (int from = 0; from < rows; from += batch) {
            connection.append(
                    SampleTrades.DATABASE,
                    SampleTrades.TABLE,
                    SampleTrades.rows(from, Math.min(batch, rows - from)));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "appended %d rows to %s/%s in %.2f s (%.0f rows/s), connected to %s%n",
                rows,
                SampleTrades.DATABASE,
                SampleTrades.TABLE,
                seconds,
                rows / seconds,
                connection.currentSite());
    }

    private static void summary(DBConnection connection) {
        Query bySymbol =
                Query.from(SampleTrades.DATABASE, SampleTrades.TABLE)
                        .groupBy("sym")
                        .aggregate(Aggregate.Fn.COUNT, null)
                        .aggregate(Aggregate.Fn.SUM, "qty")
                        .aggregate(Aggregate.Fn.AVG, "price");
        print(connection.query(bySymbol));
        LocalDate day = SampleTrades.FIRST_DAY;
        Query oneDay =
                Query.from(SampleTrades.DATABASE, SampleTrades.TABLE)
                        .where("date", Filter.Op.EQ, day.toString())
                        .aggregate(Aggregate.Fn.COUNT, null)
                        .aggregate(Aggregate.Fn.MAX, "price");
        System.out.println("on " + day + ":");
        print(connection.query(oneDay));
    }

    private static void print(RowBatch rows) {
        System.out.println(
                String.join("\t", rows.schema().columns().stream().map(Column::name).toList()));
        for (List<Object> row : rows.rows()) {
            System.out.println(String.join("\t", row.stream().map(String::valueOf).toList()));
        }
    }

    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size()) return fallback;
        String value = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        return value;
    }
}
