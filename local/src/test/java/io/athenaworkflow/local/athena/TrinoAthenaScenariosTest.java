package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The real-engine Athena scenarios on Trino (the JVM's shared engine process). */
class TrinoAthenaScenariosTest extends RealEngineAthenaScenarios {

    @TempDir
    Path metastoreDir;

    /** The engine's start-up (6-8 s of CPU) happens once, before the scenarios' 30 s waits begin. */
    @BeforeAll
    static void engineStarted() {
        TrinoProcess.shared().uri();
    }

    @Override
    protected SqlEngineFactory engines() {
        return SqlEngineFactory.trino(metastoreDir);
    }
}
