package cn.gansu.lianhu.pairing.service;

import java.sql.SQLException;

import cn.gansu.lianhu.imports.ImportContext;
import cn.gansu.lianhu.imports.ImportDefinition;
import cn.gansu.lianhu.imports.ImportWork;

/**
 * A unit or cadre import for one caller (issue 6 point 2): rows outside the caller's scope fail as unknown ones,
 * and the job's audit entry names the caller. The worker thread that runs the job has no request of its own, so
 * the caller's scope and the file name are captured when the upload is accepted.
 */
final class ScopedImport implements ImportDefinition {
    /** Starts the job's work for this caller. */
    interface Start {
        ImportWork start(ImportContext context, Access.Scope who, String fileName) throws SQLException;
    }

    private final ImportDefinition definition;
    private final Start start;
    private final Access.Scope who;
    private final String fileName;

    ScopedImport(ImportDefinition definition, Start start, Access.Scope who, String fileName) {
        this.definition = definition;
        this.start = start;
        this.who = who;
        this.fileName = fileName;
    }

    @Override
    public String kind() {
        return definition.kind();
    }

    @Override
    public String noun() {
        return definition.noun();
    }

    @Override
    public void checkHeader(String[] cells) {
        definition.checkHeader(cells);
    }

    @Override
    public String conflictMessage() {
        return definition.conflictMessage();
    }

    @Override
    public ImportWork start(ImportContext context) throws SQLException {
        return start.start(context, who, fileName);
    }
}
