package dev.scalingadvisor.testbed.loadjob.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint format of the source: the split's offset, and the enumerator's not-yet-assigned splits. */
final class OffsetSplitSerializer {

    private OffsetSplitSerializer() {}

    static final class ForSplit implements SimpleVersionedSerializer<OffsetSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(OffsetSplit split) throws IOException {
            return write(List.of(split));
        }

        @Override
        public OffsetSplit deserialize(int version, byte[] bytes) throws IOException {
            return read(bytes).get(0);
        }
    }

    static final class ForPendingSplits implements SimpleVersionedSerializer<List<OffsetSplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<OffsetSplit> splits) throws IOException {
            return write(splits);
        }

        @Override
        public List<OffsetSplit> deserialize(int version, byte[] bytes) throws IOException {
            return read(bytes);
        }
    }

    private static byte[] write(List<OffsetSplit> splits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(splits.size());
            for (OffsetSplit split : splits) {
                out.writeLong(split.nextOffset());
            }
        }
        return bytes.toByteArray();
    }

    private static List<OffsetSplit> read(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            List<OffsetSplit> splits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                splits.add(new OffsetSplit(in.readLong()));
            }
            return splits;
        }
    }
}
