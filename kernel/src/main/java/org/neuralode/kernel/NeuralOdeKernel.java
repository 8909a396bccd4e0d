package org.neuralode.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.neuralode.kernel.guard.ExitGate;
import org.neuralode.kernel.guard.StopPoll;

/**
 * The notebook kernel: Java (17 or newer) through JShell, with the neural ODE library imported,
 * IJava's cell API ({@link Notebook}, served by {@link Display}) and renderers for tablesaw tables
 * and figures and for images. This class runs cells (one at a time, stoppable, with their memory
 * watched) and answers the shell's requests; replies that jjava lacks are in {@link Replies}.
 *
 * <p>Protocol: Jupyter messaging 5.3 (jupyter_client documentation, "Messaging in Jupyter":
 * execute_request/reply, stream, display_data, update_display_data, error, complete, inspect,
 * history, interrupt and shutdown requests) as implemented by jjava-jupyter, with the gaps of
 * that base library closed here (kernel_info status, error names and tracebacks, interrupts,
 * streaming).
 */
public final class NeuralOdeKernel extends BaseKernel {

    static final String VERSION = "0.1.0";
    /** Why a cell's {@code System.exit} or {@code Runtime.halt} fails (see {@link ExitGate}). */
    static final String EXIT_REFUSED = "System.exit and Runtime.halt are not allowed in a notebook: they would end"
            + " the kernel and lose every variable. To end a cell early, return or throw an exception;"
            + " to start afresh, restart the kernel";

    private final CompletableFuture<JavaEvaluator> evaluator;
    /** The library's Javadoc for inspection: the -sources.jar that the build puts in kernel-lib. */
    private final LibrarySources librarySources = LibrarySources.besideClassPath(System.getProperty("java.class.path"));
    private final Magics magics;
    /** The display API of cells (Notebook's display, updateDisplay, render, clearOutput). */
    private final Display display;
    private final ScheduledExecutorService ticker;
    /** Null when the JVM offers no old generation to watch. */
    private final HeapGuard heapGuard;
    /** The error of a cell stopped because a kernel thread found the heap full (see HeapReserve). */
    private final CellException heapFull;
    /** Counts finished cells, so that an idle collection runs only if no cell ran since it was planned. */
    private final AtomicLong cellsFinished = new AtomicLong();
    /** The cell running now, or null between cells. */
    private volatile CellRun running;

    /** Seconds without a cell after which the heap is collected so that it can shrink. */
    static final int IDLE_COLLECTION_SECONDS = 5;
    /** How long a thread a cell started may take to end after its interrupt before it is stopped. */
    static final long THREAD_STOP_GRACE_MILLIS = 1000;

    private Runnable abortQueuedExecutions = () -> { };
    private volatile ShellReplyEnvironment currentEnv;
    private volatile int currentExecution;
    /**
     * Reads the front end's input replies. The cell waits for its line here rather than in
     * ZeroMQ: interrupting a thread inside a ZeroMQ receive closes the socket's channels for good,
     * and the stop button interrupts the cell's thread.
     */
    private final java.util.concurrent.ExecutorService stdinReader = Executors.newSingleThreadExecutor(r -> {
        // The kernel's thread group: made lazily on a cell's thread, it would count as the
        // cell's thread (CellThreads), and the stop button would interrupt it.
        Thread t = new Thread(KERNEL_GROUP, r, "stdin-reader");
        t.setDaemon(true);
        return t;
    });
    /** The thread group of the kernel's own threads (the kernel is made on its main thread). */
    private static final ThreadGroup KERNEL_GROUP = Thread.currentThread().getThreadGroup();
    /** A read of the stdin channel not yet answered, or null. */
    private java.util.concurrent.Future<String> pendingInput;
    /** Whether the running request lets the kernel ask the front end for input ({@code allow_stdin}). */
    private volatile boolean stdinAllowed;

    public NeuralOdeKernel() {
        super("neuralode-java", VERSION,
                new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java-source")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("java")
                        .build(),
                List.of(new HelpLink("Java " + Runtime.version().feature() + " API",
                        "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/")),
                new SessionHistory(),
                new JupyterIO(StandardCharsets.UTF_8),
                new CommManager(),
                new Renderer(),
                // Magics are ours (Magics, run before JShell sees a cell), not the base library's parser and registry.
                null,
                null,
                false,
                new StringStyler.Builder().build());
        // Each thread's text goes to the request whose cell started the thread (CellStreams).
        PrintStream out = new UnclosablePrintStream(CellStreams.routed(false));
        PrintStream err = new UnclosablePrintStream(CellStreams.routed(true));
        if (KernelAgent.installed()) {
            ExitGate.close(EXIT_REFUSED);
        } else {
            KernelLog.warn("started without its agent (-javaagent in kernel.json): System.exit in a cell ends"
                    + " the kernel, and the stop button cannot end a busy loop");
        }
        // User code runs in this JVM; its System.out and System.err are the cell's streams.
        System.setOut(out);
        System.setErr(err);
        System.setIn(new CellInput(this::readInputLine));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                CellStreams.flushPending();
            } catch (OutOfMemoryError e) {
                // a periodic task that throws is never run again: the cell's output would stop
                HeapReserve.ranOutOnKernelThread("the output ticker");
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        this.display = new Display(this, renderer);
        this.magics = new Magics(this);
        this.heapGuard = HeapGuard.install(this::stopCell);
        this.heapFull = CellException.of("OutOfMemoryError", "the kernel ran out of memory while this cell ran,"
                + " so it stopped the cell" + HeapGuard.outOfMemoryHint());
        HeapReserve.stopRunningCellWith(() -> {
            if (running == null) {
                return false;
            }
            stopCell(heapFull);
            return true;
        });
        // JShell's compiler takes a second to warm up; answer kernel_info meanwhile.
        this.evaluator = CompletableFuture.supplyAsync(() -> new JavaEvaluator(out, err));
    }

    /** The display API of the running cells (see {@link Notebook}). */
    Display display() {
        return display;
    }

    static NeuralOdeKernel current() {
        return (NeuralOdeKernel) BaseKernel.notebookKernel();
    }

    JavaEvaluator evaluator() {
        return evaluator.join();
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        if (connection instanceof KernelConnection guarded) {
            abortQueuedExecutions = guarded::abortQueuedExecutions;
        }
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::execute);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::kernelInfo);
        connection.setHandler(MessageType.INTERRUPT_REQUEST, this::interruptRequest);
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, this::shutdownRequest);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::historyRequest);
    }

    // ------------------------------------------------------------------ execution

    private synchronized void execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        int count = silent ? executionCount.get() : executionCount.getAndIncrement();
        env.getIopub().sendMessage(new Message<>(env.getContext(), PublishStatus.MESSAGE_TYPE, PublishStatus.BUSY));
        currentEnv = env;
        CellStreams.requestStarts(new CellStreams(env));
        currentExecution = count;
        stdinAllowed = request.isStdinEnabled();
        commManager.setMessageContext(message);
        if (!silent) {
            publishNow(new PublishExecuteInput(request.getCode(), count));
        }
        try {
            Replies.OkExecuteReply reply = runRequest(request, count, sentAt(message));
            flushStreams();
            env.reply(reply);
        } catch (CellException e) {
            if (e == heapFull) {
                // the heap is full (of what the cell left): the reserve makes room for the reply
                HeapReserve.release("a cell");
            }
            cellFailed(env, request, count, e);
        } catch (Throwable e) {
            if (causedByOutOfMemory(e)) {
                // The kernel's own work for the cell found the heap full, most likely of the
                // session's variables (JShell wraps an OutOfMemoryError of its compiler in an
                // InternalError): the reserve makes room for the reply.
                HeapReserve.release("the kernel");
                KernelLog.warn("the kernel ran out of memory while running In [" + count + "]", e);
                cellFailed(env, request, count, CellException.of("java.lang.OutOfMemoryError",
                        "the kernel ran out of memory while running this cell" + HeapGuard.outOfMemoryHint()));
            } else {
                // A failure of the kernel's own code (e.g. a renderer): report, keep serving.
                KernelLog.warn("the kernel failed while running In [" + count + "]", e);
                List<String> trace = new ArrayList<>();
                trace.add(ErrorFormatter.headline(e.getClass().getName(), String.valueOf(e.getMessage())));
                for (StackTraceElement frame : e.getStackTrace()) {
                    trace.add("    at " + frame);
                }
                replyError(env, request, count, e.getClass().getName(), String.valueOf(e.getMessage()), trace);
            }
        } finally {
            flushStreams();
            env.getIopub().sendMessage(new Message<>(env.getContext(), PublishStatus.MESSAGE_TYPE, PublishStatus.IDLE));
        }
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private void cellFailed(ShellReplyEnvironment env, ExecuteRequest request, int count, CellException e) {
        recordHistory(request, count, null);
        replyError(env, request, count, e.ename(), e.evalue(), e.traceback());
        if (request.shouldStopOnError()) {
            flushStreams();
            abortQueuedExecutions.run();
        }
    }

    /** Runs a request's code (then its user expressions), or answers its {@code name?} help request. */
    private Replies.OkExecuteReply runRequest(ExecuteRequest request, int count, java.time.Instant requested)
            throws CellException {
        String help = Completion.helpRequest(request.getCode());
        if (help != null) {
            DisplayData page = Completion.inspect(evaluator().analysis(), librarySources, help, help.length(), true);
            return new Replies.OkExecuteReply(count, List.of(Map.of("source", "page", "start", 0,
                    "data", Map.of("text/plain", page == null
                            ? "no documentation found for " + help
                            : String.valueOf(page.getData(MIMEType.TEXT_PLAIN))))), Map.of());
        }
        String cell = "In [" + count + "]";
        CellRun run = cellStarts(cell, requested);
        String plain = null;
        Map<String, Object> userExpressions;
        try {
            Object value = magics.runCell(request.getCode(), cell);
            flushStreams();
            if (value != JavaEvaluator.NO_VALUE && !request.isSilent()) {
                DisplayData data = renderInterruptibly(value, run);
                Object text = data.getData(MIMEType.TEXT_PLAIN);
                plain = text == null ? null : text.toString();
                publishNow(new PublishExecuteResult(count, data));
            }
            userExpressions = userExpressions(request.getUserExpr(), run);
        } finally {
            cellEnds(cell);
        }
        recordHistory(request, count, plain);
        return new Replies.OkExecuteReply(count, List.of(), userExpressions);
    }

    /**
     * The request's user expressions, evaluated after its code: per name, the value's
     * {@code text/plain} or the expression's error, as the messaging spec's execute_reply has them
     * ({@code {"status": "ok", "data": ..., "metadata": {}}} or {@code {"status": "error", "ename", ...}}).
     */
    private Map<String, Object> userExpressions(Map<String, String> expressions, CellRun run) throws CellException {
        if (expressions == null || expressions.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> results = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            try {
                Object value = evalJava(e.getValue(), "user expression " + e.getKey());
                DisplayData data = renderInterruptibly(value == JavaEvaluator.NO_VALUE ? null : value, run);
                Object text = data.getData(MIMEType.TEXT_PLAIN);
                results.put(e.getKey(), Map.of("status", "ok",
                        "data", Map.of("text/plain", text == null ? String.valueOf(value) : text.toString()),
                        "metadata", Map.of()));
            } catch (CellException failed) {
                if (run.stopReason() != null) {
                    throw failed;
                }
                results.put(e.getKey(), Map.of("status", "error", "ename", failed.ename(),
                        "evalue", failed.evalue(), "traceback", failed.traceback()));
            }
        }
        return results;
    }

    private void recordHistory(ExecuteRequest request, int count, String plainResult) {
        if (!request.isSilent() && request.shouldStoreHistory()) {
            ((SessionHistory) historyManager).record(count, request.getCode(), plainResult);
        }
    }

    private CellRun cellStarts(String cell, java.time.Instant requested) {
        CellRun run = new CellRun(cell, requested);
        running = run;
        if (heapGuard != null) {
            heapGuard.cellStarts();
        }
        return run;
    }

    /** Notes the threads the cell left running, and plans to give memory back if the kernel stays idle. */
    private void cellEnds(String cell) {
        if (heapGuard != null) {
            heapGuard.cellEnds();
        }
        running = null;
        List<String> left = new ArrayList<>();
        for (CellThreads.Running running : CellThreads.running()) {
            if (running.cell().equals(cell)) {
                left.add(running.thread().getName());
            }
        }
        if (!left.isEmpty()) {
            System.err.println("note: this cell left " + left.size() + (left.size() == 1 ? " thread" : " threads")
                    + " running (" + String.join(", ", left) + "); the stop button interrupts "
                    + (left.size() == 1 ? "it" : "them") + ", and %threads lists the threads cells started");
        }
        long finished = cellsFinished.incrementAndGet();
        ticker.schedule(() -> {
            if (cellsFinished.get() == finished && running == null) {
                // Idle: a full collection lets the heap shrink (-XX:MaxHeapFreeRatio in kernel.json).
                System.gc();
            }
        }, IDLE_COLLECTION_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Renders a cell's value on a thread of its own, so that the stop button (and the heap
     * guard) can end a renderer that does not finish, as they end the cell itself.
     */
    private DisplayData renderInterruptibly(Object value, CellRun run) throws CellException {
        FutureTask<DisplayData> task = new FutureTask<>(() -> {
            try {
                return display.renderValue(value);
            } catch (OutOfMemoryError e) {
                // released here, before the error is wrapped for the kernel's thread
                HeapReserve.release("showing a cell's value");
                throw e;
            }
        });
        Thread thread = new Thread(task, "render-value");
        thread.setDaemon(true);
        thread.start();
        run.drawing(thread, task);
        try {
            CellException early = run.stopReason();
            if (early != null) {
                // The stop came after the cell returned but before the drawing was known: end it now.
                run.stop(early);
                throw early;
            }
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            CellException stop = run.stopReason();
            if (cause instanceof StopPoll.Stopped || stop != null) {
                throw stop != null ? stop : CellException.interrupted();
            }
            if (cause instanceof OutOfMemoryError) {
                throw CellException.of("OutOfMemoryError",
                        "showing the cell's value ran out of memory" + HeapGuard.outOfMemoryHint());
            }
            if (cause instanceof Error err) {
                // Reported under its own name (a StackOverflowError from a recursive toString(), say).
                throw err;
            }
            // the user's toString() (or another method of the value a renderer calls) threw
            throw evaluator().valueError(cause);
        } catch (java.util.concurrent.CancellationException e) {
            // the stop ended the wait for a drawing that did not end at once (it is doomed)
            CellException stop = run.stopReason();
            throw stop != null ? stop : CellException.interrupted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CellException.interrupted();
        } finally {
            run.drawn();
        }
    }

    /** Stops the running cell (or the drawing of its value); the cell then fails with {@code reason}. */
    private void stopCell(CellException reason) {
        CellRun run = running;
        if (run != null && !run.stop(reason) && evaluator.isDone()) {
            evaluator.join().stop(reason);
        }
    }

    /** Replies with an error, and publishes it unless the request is silent (messaging spec: no IOPub output). */
    private void replyError(ShellReplyEnvironment env, ExecuteRequest request, int count, String ename, String evalue,
                            List<String> traceback) {
        flushStreams();
        if (!request.isSilent()) {
            publishNow(new PublishError(ename, evalue, traceback));
        }
        ErrorReply error = new ErrorReply(ename, evalue, traceback);
        error.setExecutionCount(count);
        env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
    }

    /**
     * Sends the text printed so far for the calling thread's request (its cell's, see
     * {@link CellStreams}). Stream text waits briefly to travel in bursts; every other
     * output (a display, an update, clear_output, the result, an error) first sends it, so that
     * a line printed before {@code display(...)} never shows up after the displayed object.
     */
    void flushStreams() {
        CellStreams.ofCurrentThread().flushAll();
    }

    /**
     * Publishes on IOPub now (no deferral), as a child of the request whose cell started the
     * calling thread, or of the running request (see {@link CellStreams}).
     */
    <T extends ContentType<T>> void publishNow(T content) {
        CellStreams.ofCurrentThread().publish(content);
    }

    /**
     * A line typed by the user for the running cell's {@code System.in} (an input_request to the
     * front end, after the text printed so far, which is usually the prompt); null between cells.
     *
     * @throws IllegalStateException if the request does not allow input (see {@link CellInput#NO_STDIN})
     */
    private String readInputLine() {
        ShellReplyEnvironment env = currentEnv;
        if (running == null || env == null) {
            return null;
        }
        if (!stdinAllowed) {
            throw new IllegalStateException(CellInput.NO_STDIN);
        }
        flushStreams();
        java.util.concurrent.Future<String> line;
        synchronized (this.stdinReader) {
            line = pendingInput;
            if (line == null || line.isDone()) {
                // A read that a stop left waiting is still asked of the front end: its answer is this line.
                line = stdinReader.submit(() -> env.readFromStdIn("", false));
                pendingInput = line;
            }
        }
        try {
            String typed = line.get();
            return typed.endsWith(System.lineSeparator())
                    ? typed.substring(0, typed.length() - System.lineSeparator().length()) : typed;
        } catch (InterruptedException e) {
            // the stop button: the cell ends, the read stays with the reader thread
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for input");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the front end's input could not be read: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Why the running cell is being stopped (the stop button, the heap guard), or null: polled by
     * work the kernel does for a cell outside JShell, such as {@code %maven}'s.
     */
    CellException stopReason() {
        CellRun run = running;
        return run == null ? null : run.stopReason();
    }

    /** Runs Java source in the session (used by cells and magics). */
    Object evalJava(String code, String cell) throws CellException {
        JavaEvaluator java = evaluator();
        CellRun run = running;
        CellException early = run == null ? null : run.stopReason();
        if (early != null) {
            // stopped while JShell was still starting (the first cell of a session waits for it)
            throw early;
        }
        return java.eval(code, cell);
    }

    @Override
    public Object evalRaw(String source) {
        try {
            Object value = evalJava(source, "eval");
            return value == JavaEvaluator.NO_VALUE ? null : value;
        } catch (CellException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ other requests

    private void historyRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        SessionHistory history = (SessionHistory) historyManager;
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
            default -> entries = history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (HistoryEntry e : entries) {
            Object io = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
            rows.add(List.of(e.getSession(), e.getCellNumber(), io));
        }
        env.setStatusBusy();
        env.reply(new Replies.OkHistoryReply(rows));
        env.setStatusIdle();
    }

    private void kernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setStatusBusy();
        env.reply(new Replies.OkKernelInfoReply(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(),
                "Java " + Runtime.version() + " (JShell) with the neural ODE library :: neuralode-java " + VERSION,
                getHelpLinks()));
        env.setStatusIdle();
    }

    private void interruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setStatusBusy();
        CellRun run = running;
        if (run != null && run.requestedAfter(sentAt(message))) {
            // An interrupt sent while the kernel was idle that arrives after the next cell started
            // (the control channel is served apart from the shell): it was not meant for this cell,
            // only for the threads that earlier cells left running.
            KernelLog.warn("an interrupt sent before " + run.label() + " was requested: it stops the threads"
                    + " cells started, not " + run.label());
            CellThreads.interruptAll(THREAD_STOP_GRACE_MILLIS);
        } else {
            interrupt();
        }
        env.reply(new Replies.OkInterruptReply());
        env.setStatusIdle();
    }

    /**
     * When the client sent {@code message}: its header's date, ISO 8601 with microseconds as
     * jupyter_client writes it (jjava 1.0-a6's own {@code KernelTimestamp.getDate()} cannot parse
     * that), or null.
     */
    static java.time.Instant sentAt(Message<?> message) {
        var header = message.getHeader();
        if (header == null || header.getTimestamp() == null) {
            return null;
        }
        String date = header.getTimestamp().getDateString();
        try {
            return java.time.OffsetDateTime.parse(date).toInstant();
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            try {
                // no zone (older clients): UTC, as the messaging spec asks
                return java.time.LocalDateTime.parse(date).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException | NullPointerException again) {
                return null;
            }
        }
    }

    private void shutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        env.setStatusBusy();
        boolean restart = message.getContent().isRestart();
        env.reply(new Replies.OkShutdownReply(restart));
        env.setStatusIdle();
        onShutdown(restart);
        // The reply must leave before the process does; a restart starts a new process.
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                // Interrupted: the reply had its chance; do not delay the exit further.
            }
            ExitGate.open();
            Runtime.getRuntime().halt(0);
        }, "shutdown");
        exit.start();
    }

    /**
     * The stop button: stops the running cell, and interrupts the threads that cells started
     * (those that ignore the interrupt are stopped a second later).
     */
    @Override
    public void interrupt() {
        boolean cellRuns = running != null;
        if (cellRuns) {
            stopCell(CellException.interrupted());
        }
        List<CellThreads.Running> threads = CellThreads.interruptAll(THREAD_STOP_GRACE_MILLIS);
        if (cellRuns && !threads.isEmpty()) {
            System.err.println("note: the stop button also interrupted " + threads.stream()
                    .map(CellThreads.Running::describe).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        ticker.shutdownNow();
        CellStreams.flushEverything();
        super.onShutdown(isRestarting);
    }

    // ------------------------------------------------------------------ editor support

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) {
            return IS_COMPLETE_YES;
        }
        return evaluator().isComplete(code);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return Completion.complete(evaluator().analysis(), code, at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        // cursor_pos counts code points (messaging spec), Java's strings UTF-16 units
        return Completion.inspect(evaluator().analysis(), librarySources, code, Completion.utf16Index(code, at),
                extraDetail);
    }
}
