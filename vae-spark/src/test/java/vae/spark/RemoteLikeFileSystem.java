package vae.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own ({@code vaetest:}), so that code writing to "another
 * file system" (HDFS, S3) takes its copying path in a test: Hadoop finds it by
 * {@code fs.vaetest.impl}.
 */
public final class RemoteLikeFileSystem extends RawLocalFileSystem {
    @Override
    public URI getUri() {
        return URI.create("vaetest:///");
    }

    @Override
    public String getScheme() {
        return "vaetest";
    }
}
