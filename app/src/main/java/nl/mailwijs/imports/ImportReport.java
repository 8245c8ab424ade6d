package nl.mailwijs.imports;

import java.util.List;

/**
 * What an import did, per file in the order imported.
 *
 * @param rejections every rejected row, when the caller asked the importer to keep them
 */
public record ImportReport(List<FileReport> files, List<ImportRejection> rejections) {

    /**
     * @param read           data rows read (the header and blank rows not counted)
     * @param added          rows that added a contact or a ledger record
     * @param alreadyPresent rows whose contact or record was there from an earlier import
     * @param rejected       rows not imported, each in the rejections
     */
    public record FileReport(String kind, String file, long read, long added, long alreadyPresent, long rejected) {
    }

    public long rejected() {
        return files.stream().mapToLong(FileReport::rejected).sum();
    }
}
