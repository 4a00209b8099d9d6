package vae.spark;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** What every job's {@code main} does: a session named for the job, the job, the session stopped, the exit code. */
final class JobMain {
    /** A job's work on a session; returns the exit code. */
    @FunctionalInterface
    interface Runner {
        int run(SparkSession spark, String[] args, PrintStream err);
    }

    private JobMain() {
    }

    static void run(String name, Runner job, String[] args) {
        SparkSession spark = SparkSession.builder().appName("vae4j " + name).getOrCreate();
        int code;
        try {
            code = job.run(spark, args, System.err);
        } finally {
            spark.stop();
        }
        System.exit(code);
    }
}
