package io.andiag.batch;

import io.andiag.model.lake.LakeRow;

import java.util.List;

/** Reading list columns of parameter tables in tests. */
final class ParamsTestRows {

    private ParamsTestRows() {
    }

    static double[] doubles(LakeRow r, String column) {
        List<Object> list = r.getList(column);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }
}
