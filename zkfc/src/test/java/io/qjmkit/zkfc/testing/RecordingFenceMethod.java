package io.qjmkit.zkfc.testing;

import io.qjmkit.fencing.FenceMethod;
import io.qjmkit.fencing.FenceTarget;
import java.util.ArrayList;
import java.util.List;

/** A fence method that answers what the test says and records whom it was asked to fence. */
public final class RecordingFenceMethod implements FenceMethod {
    private final List<FenceTarget> fenced = new ArrayList<>();
    private volatile boolean succeeds;

    public RecordingFenceMethod(boolean succeeds) {
        this.succeeds = succeeds;
    }

    public void setSucceeds(boolean succeeds) {
        this.succeeds = succeeds;
    }

    public synchronized List<FenceTarget> fenced() {
        return List.copyOf(fenced);
    }

    @Override
    public String describe() {
        return "recording(" + succeeds + ")";
    }

    @Override
    public synchronized boolean fence(FenceTarget target) {
        fenced.add(target);
        return succeeds;
    }
}
