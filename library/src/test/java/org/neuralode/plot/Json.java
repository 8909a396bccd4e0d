package org.neuralode.plot;

import java.util.List;
import java.util.Map;

/** Reads a value out of nested maps and lists by a dotted path ("data.0.name"), for tests. */
final class Json {

    private Json() {
    }

    static Object at(Object json, String path) {
        Object node = json;
        for (String key : path.split("\\.")) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(key);
            } else if (node instanceof List<?> list) {
                int i = Integer.parseInt(key);
                node = i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return node;
    }
}
