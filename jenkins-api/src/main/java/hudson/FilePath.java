package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

public final class FilePath {
    public FilePath(File localPath) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public FilePath(VirtualChannel channel, String remote) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public FilePath(FilePath base, String rel) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
