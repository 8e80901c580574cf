package io.andiag.batch;

import io.andiag.batch.cli.BatchCli;
import io.andiag.model.params.ParamsLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The whole batch, run once per test JVM through the command line exactly as {@code bin/andiag batch} does, on the
 * shared {@link SimLake} (history {@link SimLake#HISTORY_DAYS} days ending {@link SimLake#DATE}). Tests read the
 * candidate tables, the step reports and the published set it leaves behind; tests that change anything work on
 * copies.
 */
public final class Pipeline {

    private static Path lake;
    private static int exitCode;

    private Pipeline() {
    }

    public static synchronized Path lake() {
        if (lake == null) {
            TestSpark.get();
            Path l = SimLake.get();
            LakeTablesCleaner.clean(l.resolve(ParamsLayout.PARAMS_DIR));
            exitCode = BatchCli.execute("--lake", l.toString(), "--date", SimLake.DATE.toString(),
                    "--history-days", Integer.toString(SimLake.HISTORY_DAYS), "--master", "local[2]", "--min-ips", "50");
            lake = l;
        }
        return lake;
    }

    public static int exitCode() {
        lake();
        return exitCode;
    }

    public static BatchRun run() {
        return new BatchRun(lake(), SimLake.DATE, SimLake.HISTORY_DAYS, Instant.now());
    }

    /** Removes what an earlier test JVM left in the lake's params/. */
    static final class LakeTablesCleaner {
        static void clean(Path params) {
            if (Files.exists(params)) {
                io.andiag.batch.spark.LakeTables.deleteRecursively(params);
            }
        }
    }
}
