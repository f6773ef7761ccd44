package dev.scalingadvisor.core.schema;

import java.sql.SQLException;

/**
 * The database was migrated by a newer release than this one: its tables may have columns or meanings this
 * release does not know, so it must not write to them. Run the newer release, or restore a backup.
 */
public final class NewerSchemaException extends SQLException {

    NewerSchemaException(String owner, int found, int known) {
        super("the state database's " + owner + " tables are at schema version " + found
                + ", written by a newer release; this one knows versions up to " + known
                + ": run that newer release, or restore a backup of the state directory taken before the upgrade");
    }
}
