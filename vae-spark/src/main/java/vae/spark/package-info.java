/**
 * vae4j on Apache Spark 4.2: scoring and encoding a DataFrame with a trained model in batched
 * {@code mapPartitions} ({@link vae.spark.VaeSpark}), and the {@code spark-submit} jobs.
 */
package vae.spark;
