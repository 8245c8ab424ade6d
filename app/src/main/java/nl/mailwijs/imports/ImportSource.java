package nl.mailwijs.imports;

import java.io.InputStream;

import nl.mailwijs.audit.AuditFile;

/**
 * One export to import.
 *
 * @param name how reports name it (the path given, or the upload's part and file name)
 * @param size its size in bytes, or -1 when unknown
 * @param in   the file's bytes; the importer closes it
 */
public record ImportSource(AuditFile kind, String name, long size, InputStream in) {
}
