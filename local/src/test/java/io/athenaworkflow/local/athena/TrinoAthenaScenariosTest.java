package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.SqlEngineFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The real-engine Athena scenarios on Trino (the JVM's shared engine process). */
class TrinoAthenaScenariosTest extends RealEngineAthenaScenarios {

    @TempDir
    Path metastoreDir;

    @Override
    protected SqlEngineFactory engines() {
        return SqlEngineFactory.trino(metastoreDir);
    }
}
