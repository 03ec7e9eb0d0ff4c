package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.SqlEngineFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The Athena API scenarios that need real SQL, on the real DuckDB engine. */
class DuckDbAthenaScenariosTest extends RealEngineAthenaScenarios {

    @TempDir
    Path catalogDir;

    @Override
    protected SqlEngineFactory engines() {
        return SqlEngineFactory.duckDb(catalogDir);
    }
}
