package org.neuralode.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells run in this kernel session, for Jupyter's history_request (tail, range and glob
 * search, as in IPython). Kept in memory only: a new kernel starts a new history.
 */
final class SessionHistory implements HistoryManager {

    static final int SESSION = 1;

    private final List<HistoryEntry> entries = Collections.synchronizedList(new ArrayList<>());

    void record(int cell, String input, String output) {
        entries.add(new HistoryEntry(SESSION, cell, input, output == null ? "" : output));
    }

    private static HistoryEntry shape(HistoryEntry e, Set<ResultFlag> flags) {
        return new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(),
                flags.contains(ResultFlag.INCLUDE_OUTPUT) ? e.getOutput() : null);
    }

    private List<HistoryEntry> snapshot() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    @Override
    public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<HistoryEntry> all = snapshot();
        List<HistoryEntry> tail = all.subList(Math.max(0, all.size() - Math.max(0, length)), all.size());
        return tail.stream().map(e -> shape(e, flags)).toList();
    }

    @Override
    public List<HistoryEntry> lookupRange(int session, int startCell, int endCell, Set<ResultFlag> flags) {
        return snapshot().stream()
                .filter(e -> e.getCellNumber() >= startCell && e.getCellNumber() < endCell)
                .map(e -> shape(e, flags)).toList();
    }

    @Override
    public List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = Pattern.compile(globToRegex(pattern == null ? "*" : pattern), Pattern.DOTALL);
        List<HistoryEntry> matches = new ArrayList<>();
        for (HistoryEntry e : snapshot()) {
            if (glob.matcher(e.getInput()).matches()) {
                matches.add(e);
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, HistoryEntry> latest = new LinkedHashMap<>();
            for (HistoryEntry e : matches) {
                latest.remove(e.getInput());
                latest.put(e.getInput(), e);
            }
            matches = new ArrayList<>(latest.values());
        }
        if (length > 0 && matches.size() > length) {
            matches = matches.subList(matches.size() - length, matches.size());
        }
        return matches.stream().map(e -> shape(e, flags)).toList();
    }

    /** IPython's history search pattern: a glob where * and ? are wildcards. */
    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return regex.toString();
    }
}
