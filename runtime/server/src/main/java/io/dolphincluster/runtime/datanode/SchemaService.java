package io.dolphincluster.runtime.datanode;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import io.dolphincluster.runtime.query.TableLayout;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Databases and tables, created through the controller leader on a client's behalf. A table is
 * checked here first (types, partition column, the database's scheme for that column's type) so a
 * bad definition is refused with a clear message and never reaches the metadata. Creating what
 * already exists identically succeeds: the HA client may resend a create after a failover.
 */
public final class SchemaService {
    private final ControllerLink link;
    private final MetadataView view;

    public SchemaService(ControllerLink link, MetadataView view) {
        this.link = link;
        this.view = view;
    }

    public String activeMaster() throws Exception {
        ControllerLink.Answer answer = link.get(AdminRoutes.LEADER.path());
        if (!answer.ok())
            throw new IllegalStateException("no controller leader: " + answer.error());
        return answer.body().get("alias").asText();
    }

    public void createDatabase(String database, String partitionScheme) throws Exception {
        String name = DatabaseNames.plain(database);
        if (partitionScheme == null || partitionScheme.isBlank())
            throw new IllegalArgumentException(
                    "a partition scheme is required: VALUE, RANGE(b1,...) or HASH(n)");
        ControllerLink.Answer answer =
                link.post(
                        AdminRoutes.CREATE_DATABASE.path(),
                        Map.of("name", name, "partitionScheme", partitionScheme.strip()));
        if (answer.ok()) return;
        view.refresh();
        DatabaseInfo existing = view.database(name).orElse(null);
        if (answer.status() == 409
                && existing != null
                && existing.partitionScheme().equals(partitionScheme.strip())) return;
        if (existing != null) {
            throw new IllegalArgumentException(
                    database
                            + " already exists with partition scheme "
                            + existing.partitionScheme());
        }
        throw new IllegalArgumentException("cannot create " + database + ": " + answer.error());
    }

    /**
     * Drops a database, or one of its tables when {@code table} is not empty; the datanodes then
     * delete the files.
     */
    public void drop(String database, String table) throws Exception {
        String name = DatabaseNames.plain(database);
        String path =
                table == null || table.isEmpty()
                        ? AdminRoutes.DROP_DATABASE.path(name)
                        : AdminRoutes.DROP_TABLE.path(name, table);
        ControllerLink.Answer answer = link.delete(path);
        if (!answer.ok())
            throw new IllegalArgumentException(
                    "cannot drop "
                            + database
                            + (table == null || table.isEmpty() ? "" : "/" + table)
                            + ": "
                            + answer.error());
        view.refresh();
    }

    public void createTable(String database, String table, Schema columns, String partitionColumn)
            throws Exception {
        String name = DatabaseNames.plain(database);
        view.refresh();
        DatabaseInfo db =
                view.database(name)
                        .orElseThrow(() -> new IllegalArgumentException("no database " + database));
        List<ColumnDef> defs =
                columns.columns().stream()
                        .map(c -> new ColumnDef(c.name(), c.type().name()))
                        .toList();
        TableInfo wanted = new TableInfo(name, table, defs, partitionColumn);
        TableLayout.of(
                db,
                wanted); // refuses a bad column type, partition column or scheme, with the reason
        ControllerLink.Answer answer =
                link.post(
                        AdminRoutes.CREATE_TABLE.path(),
                        Map.of(
                                "database",
                                name,
                                "name",
                                table,
                                "columns",
                                defs,
                                "partitionColumn",
                                partitionColumn));
        if (answer.ok()) return;
        view.refresh();
        TableInfo existing = view.table(name, table).orElse(null);
        if (existing != null
                && existing.columns().equals(defs)
                && Objects.equals(existing.partitionColumn(), partitionColumn)) return;
        if (existing != null)
            throw new IllegalArgumentException(
                    database
                            + "/"
                            + table
                            + " already exists with other columns: "
                            + describe(existing));
        throw new IllegalArgumentException(
                "cannot create " + database + "/" + table + ": " + answer.error());
    }

    private static String describe(TableInfo table) {
        return new Schema(
                                table.columns().stream()
                                        .map(
                                                c ->
                                                        new Column(
                                                                c.name(),
                                                                io.dolphincluster.protocol.data
                                                                        .ColumnType.parse(
                                                                        c.type())))
                                        .toList())
                        .columns()
                        .toString()
                + " partitioned by "
                + table.partitionColumn();
    }
}
