package dev.scalingadvisor.testbed.loadjob.job;

import org.apache.flink.api.connector.source.SourceSplit;

/** The one partition of the modelled topic, with the offset of the next record to read. */
public record OffsetSplit(long nextOffset) implements SourceSplit {

    static final String ID = "orders-0";

    @Override
    public String splitId() {
        return ID;
    }
}
