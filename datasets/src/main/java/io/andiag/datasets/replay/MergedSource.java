package io.andiag.datasets.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges several event-time-ordered streams into one: a k-way merge on the head of each stream, ties broken by the
 * stream's position in the list, so the output order is deterministic.
 */
final class MergedSource implements ReplaySource {

    private record Head(ReplayRecord record, int stream) {
    }

    private final List<ReplaySource> streams;
    private final PriorityQueue<Head> heads;

    MergedSource(List<? extends ReplaySource> streams) {
        this.streams = new ArrayList<>(streams);
        this.heads = new PriorityQueue<>(Math.max(1, streams.size()), (a, b) -> {
            int c = Long.compare(a.record.eventTs(), b.record.eventTs());
            return c != 0 ? c : Integer.compare(a.stream, b.stream);
        });
        for (int i = 0; i < this.streams.size(); i++) {
            advance(i);
        }
    }

    private void advance(int stream) {
        ReplayRecord r = streams.get(stream).next();
        if (r != null) {
            heads.add(new Head(r, stream));
        }
    }

    @Override
    public ReplayRecord next() {
        Head h = heads.poll();
        if (h == null) {
            return null;
        }
        advance(h.stream);
        return h.record;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (ReplaySource s : streams) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
