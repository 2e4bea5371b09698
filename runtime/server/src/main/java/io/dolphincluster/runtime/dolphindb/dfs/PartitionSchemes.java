package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;
import io.dolphincluster.runtime.dolphindb.script.Constants;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DolphinDB's partition types as the cluster's schemes: {@code VALUE} (a partition per value,
 * whatever values the domain lists: new values add partitions), {@code RANGE} with the domain's
 * boundaries, {@code HASH} with {@code [type, buckets]}. LIST, COMPO and SEQ are refused by name.
 */
public final class PartitionSchemes {
    private PartitionSchemes() {}

    public static String schemeText(int partitionType, Vec domain) {
        switch (partitionType) {
            case Constants.VALUE:
                return "VALUE";
            case Constants.RANGE:
                {
                    if (domain == null || domain.isScalar() || domain.size() < 2)
                        throw new ScriptException(
                                "RANGE partitioning needs a vector of at least two boundaries");
                    List<String> bounds = new ArrayList<>();
                    for (int i = 0; i < domain.size(); i++) {
                        StorageTypes.storage(domain.type(), "RANGE boundary");
                        if (domain.isNull(i)) throw new ScriptException("a RANGE boundary is null");
                        bounds.add(StorageTypes.toJava(domain, i).toString());
                    }
                    return "RANGE(" + String.join(",", bounds) + ")";
                }
            case Constants.HASH:
                {
                    if (domain == null || domain.size() != 2 || !domain.type().isIntegral()) {
                        throw new ScriptException(
                                "HASH partitioning needs [type, number of buckets], as in [INT, 10]");
                    }
                    return "HASH(" + domain.longAt(1) + ")";
                }
            case Constants.LIST:
                throw ScriptException.unsupported("LIST partitioning");
            case Constants.COMPO:
                throw ScriptException.unsupported("COMPO (composite) partitioning");
            case Constants.SEQ:
                throw ScriptException.unsupported("SEQ partitioning");
            default:
                throw new ScriptException("unknown partition type " + partitionType);
        }
    }

    /** The partition type constant of a stored scheme. */
    public static int typeOf(String schemeText) {
        String upper = schemeText.strip().toUpperCase(Locale.ROOT);
        if (upper.startsWith("RANGE")) return Constants.RANGE;
        if (upper.startsWith("HASH")) return Constants.HASH;
        return Constants.VALUE;
    }

    /**
     * The {@code partitionSchema} of {@code schema(t)}: VALUE the existing partitions' values,
     * RANGE the boundaries, HASH the number of buckets; typed as the partition column.
     */
    public static Vec schemaOf(
            String schemeText, ColumnType columnType, List<String> partitionKeys) {
        String text = schemeText.strip();
        int type = typeOf(text);
        if (type == Constants.HASH) return Vec.ofInt(Integer.parseInt(arguments(text).get(0)));
        List<String> values = type == Constants.RANGE ? arguments(text) : partitionKeys;
        VecBuilder out = new VecBuilder(StorageTypes.dolphin(columnType), values.size());
        for (String value : values) out.add(StorageTypes.parse(columnType, value), 0);
        return out.build();
    }

    private static List<String> arguments(String text) {
        List<String> out = new ArrayList<>();
        for (String arg : text.substring(text.indexOf('(') + 1, text.lastIndexOf(')')).split(","))
            out.add(arg.strip());
        return out;
    }

    /**
     * Refuses a partition column whose values the domain does not partition as DolphinDB would (a
     * DATE domain on a TIMESTAMP column).
     */
    public static void checkColumn(DatabaseHandle database, String column, DType columnType) {
        Vec domain = database.domain();
        if (domain == null || typeOf(database.partitionScheme()) == Constants.HASH) return;
        if (domain.type() != columnType && domain.type().isTemporal() && columnType.isTemporal()) {
            throw ScriptException.unsupported(
                    "partitioning the "
                            + columnType
                            + " column '"
                            + column
                            + "' by a "
                            + domain.type()
                            + " domain (use a "
                            + domain.type()
                            + " partition column)");
        }
    }
}
