package dev.ollamamax.ui.app;

import dev.ollamamax.shared.config.AppHome;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.runtime.LogBuffer;
import dev.ollamamax.ui.chat.ChatHistory;
import dev.ollamamax.ui.chat.ChatSettingsStore;
import dev.ollamamax.ui.chat.ChatView;
import dev.ollamamax.ui.chat.ChatViewModel;
import dev.ollamamax.ui.chat.DesktopChatClient;
import dev.ollamamax.ui.chat.ModelChoices;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.Icons;
import dev.ollamamax.ui.common.LazyScreen;
import dev.ollamamax.ui.common.NodeSummary;
import dev.ollamamax.ui.common.Screen;
import dev.ollamamax.ui.common.StackMonitor;
import dev.ollamamax.ui.common.UiExecutor;
import dev.ollamamax.ui.dashboard.DashboardView;
import dev.ollamamax.ui.dashboard.DashboardViewModel;
import dev.ollamamax.ui.logs.LogsView;
import dev.ollamamax.ui.logs.LogsViewModel;
import dev.ollamamax.ui.metrics.MetricsView;
import dev.ollamamax.ui.metrics.MetricsViewModel;
import dev.ollamamax.ui.nodes.LocalNodes;
import dev.ollamamax.ui.nodes.ModelsViewModel;
import dev.ollamamax.ui.nodes.NodesView;
import dev.ollamamax.ui.nodes.NodesViewModel;
import dev.ollamamax.ui.ports.PortMoves;
import dev.ollamamax.ui.ports.PortsView;
import dev.ollamamax.ui.ports.PortsViewModel;
import dev.ollamamax.ui.ports.ProjectFolderMemory;
import dev.ollamamax.ui.services.ServicesView;
import dev.ollamamax.ui.services.ServicesViewModel;
import dev.ollamamax.ui.settings.SettingsView;
import dev.ollamamax.ui.settings.SettingsViewModel;
import dev.ollamamax.ui.supervision.DesktopStack;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import dev.ollamamax.ui.supervision.Supervisor;
import dev.ollamamax.ui.supervision.UsageSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;

/**
 * The composition root: builds the service registry, supervisor, gateway manager, view-models and
 * screens, and the main window over them. {@link #startGateway()} starts the gateway in the background;
 * {@link #close()} (from the quit handler) stops everything.
 */
public final class DesktopApp implements AutoCloseable {

    public static final String TITLE = "OllamaMax — local AI gateway";

    private static final Logger LOG = Logger.getLogger(DesktopApp.class.getName());

    private final UiExecutor executor;
    private final ServiceRegistry registry = new ServiceRegistry();
    private final DesktopStack stack = new DesktopStack(registry);
    private final UsageSampler usage = new UsageSampler(registry);
    private final java.nio.file.Path home;
    private final ProjectFolderMemory projectFolder;
    private final Supervisor supervisor;
    private final GatewayManager gateway;
    private final StatusBarViewModel status;
    private final SettingsViewModel settings;
    private final LogsViewModel logs;
    private final PortsViewModel ports;
    private final GatewayApi api;
    private final LocalNodes localNodes;
    private final NodesViewModel nodes;
    private final ModelsViewModel models;
    private final DesktopChatClient chatConnection = new DesktopChatClient();
    private final ChatViewModel chat;
    private final MetricsViewModel metrics;
    private final ObjectProperty<Theme> theme;
    private final MainWindow window;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private volatile Stage stage;

    public DesktopApp(DesktopConfig config, LogBuffer gatewayLog, UiExecutor executor, Runnable quit,
                      Consumer<String> openUrl) {
        this.executor = executor;
        this.supervisor = Supervisor.standard(registry);
        this.home = AppHome.resolve(config.config());
        this.projectFolder = new ProjectFolderMemory(home);
        this.gateway = new GatewayManager(config.config(), registry);
        this.status = new StatusBarViewModel(gateway, executor);
        this.theme = new SimpleObjectProperty<>(Theme.from(config.config().get(Setting.UI_THEME)));
        this.settings = new SettingsViewModel(config.config(), config.store(), config.loader(),
                gateway::restart, executor);
        settings.onSaved(c -> theme.set(Theme.from(c.get(Setting.UI_THEME))));
        theme.addListener((o, was, now) -> now.apply());
        this.logs = new LogsViewModel(registry, gatewayLog, executor);
        closeables.add(registry.onChange(() -> executor.onUi(logs::refreshSources)));

        StackMonitor monitor = StackMonitor.standard(gateway, registry);
        monitor.declaredPorts(stack::plannedPorts);
        PortMoves moves = new PortMoves(gateway, config.store(), config.loader(),
                c -> executor.onUi(() -> settings.reload(c)));
        this.ports = new PortsViewModel(monitor, moves, executor, ProcessHandle.current().pid(),
                System.getProperty("user.name"));
        this.api = new GatewayApi(gateway);
        AtomicReference<Config> saved = new AtomicReference<>(config.config());
        settings.onSaved(saved::set);
        this.localNodes = new LocalNodes(gateway, registry, System.getenv(), saved::get);
        this.nodes = new NodesViewModel(gateway, api, localNodes, executor);
        this.models = new ModelsViewModel(gateway, api, executor);
        this.chat = new ChatViewModel(chatConnection, new ChatHistory(gateway),
                new ChatSettingsStore(AppHome.resolve(config.config()).resolve("chat-settings.json")),
                () -> ModelChoices.of(gateway), executor);
        nodes.afterRefresh(chat::refreshModels);
        this.metrics = new MetricsViewModel(gateway::meters, executor, java.time.Clock.systemUTC());
        setNodeSummary(nodes::summary);
        setAdoptNode(nodes::adopt);
        ports.onProjectChosen(folder -> {
            projectFolder.remember(folder);
            loadStack("project", folder);
        });
        closeables.add(gateway.onChange(this::connectChat));

        Alerts alerts = Alerts.watching(registry, new Notifier(() -> stage));
        closeables.add(alerts);
        chat.onFailover(alerts::failover);

        List<Screen> screens = new ArrayList<>();
        DashboardViewModel dashboard = new DashboardViewModel(monitor, registry, executor);
        StartupTimes.afterFirstItems(dashboard.rows(),
                ms -> LOG.info(() -> "Dashboard data shown " + ms + " ms after process start"));
        dashboard.refresh(); // the first scan runs while the window is painted; the Dashboard shows it when built
        screens.add(LazyScreen.of("Dashboard", Feather.GRID, () -> new DashboardView(dashboard, executor, openUrl)));
        // every screen is built when it is first selected, the Dashboard right after the first paint (issue 15)
        screens.add(LazyScreen.of("Chat", Feather.MESSAGE_SQUARE, () -> new ChatView(chat, chatConnection)));
        screens.add(LazyScreen.of("Nodes", Feather.CPU, () -> new NodesView(nodes, models, executor, openUrl)));
        screens.add(LazyScreen.of("Metrics", Feather.BAR_CHART_2, () -> new MetricsView(metrics)));
        screens.add(LazyScreen.of("Ports", Feather.SHARE_2, () -> new PortsView(ports, executor)));
        screens.add(LazyScreen.of("Services", Feather.SERVER, () -> {
            ServicesViewModel services = new ServicesViewModel(registry, Optional.of(supervisor), executor);
            services.showStackProblems(stack::problems);
            services.showUsage(usage);
            var readyMade = new dev.ollamamax.ui.readymade.ReadyMadeEntries(home, saved::get, gateway::apiBase, System.getenv(),
                    () -> stack.load("home", home));
            return new ServicesView(services, executor, Optional.of(new dev.ollamamax.ui.readymade.ReadyMadeMenu(
                    new dev.ollamamax.ui.readymade.ReadyMadeViewModel(readyMade, executor))));
        }));
        screens.add(LazyScreen.of("Settings", Feather.SLIDERS, () -> new SettingsView(settings)));
        screens.add(LazyScreen.of("Logs", Feather.FILE_TEXT, () -> new LogsView(logs)));
        screens.add(LazyScreen.of("Access", Feather.KEY, () -> new dev.ollamamax.ui.access.AccessView(
                new dev.ollamamax.ui.access.AccessViewModel(api, executor, java.time.Clock.systemUTC()))));
        this.window = new MainWindow(screens, status, theme, this::toggleTheme, quit);
    }

    /**
     * (Re)connects the chat to the gateway's listeners: called when a gateway was created or stopped. With auth
     * on, it waits (in the background) for the database, which the in-process access token needs.
     */
    private void connectChat() {
        Thread.ofVirtual().name("chat-connect").start(() -> {
            List<java.net.URI> endpoints = gateway.chatEndpoints();
            Optional<String> token = Optional.empty();
            if (!endpoints.isEmpty() && gateway.authEnabled()) {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while ((token = gateway.localToken()).isEmpty() && System.nanoTime() < deadline
                        && gateway.gateway().isPresent()) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (token.isEmpty()) {
                    LOG.warning("The chat cannot sign in: the database did not come up");
                }
            }
            chatConnection.connect(endpoints, token);
            executor.onUi(chat::connecting);
        });
    }

    /** Puts the main window on the stage (title, icons, size) and shows it; call on the FX thread. */
    public void show(Stage stage) {
        this.stage = stage;
        theme.get().apply();
        stage.setTitle(TITLE);
        stage.getIcons().setAll(Icons.appIcons());
        stage.setScene(window.scene());
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.show();
    }

    public MainWindow window() {
        return window;
    }

    public GatewayManager gateway() {
        return gateway;
    }

    public ServiceRegistry registry() {
        return registry;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public NodesViewModel nodes() {
        return nodes;
    }

    public ModelsViewModel models() {
        return models;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    public Theme theme() {
        return theme.get();
    }

    /** The nodes feature's hook: the status bar shows its healthy/total count from now on. */
    public void setNodeSummary(Supplier<NodeSummary> supplier) {
        status.setNodeSummary(supplier);
    }

    /** The nodes feature's hook: "Adopt as node" on the Ports screen hands it a running Ollama's URL. */
    public void setAdoptNode(Consumer<String> adopt) {
        ports.setAdoptHandler(adopt);
    }

    /** Starts the gateway and the supervisor in the background; the status bar shows progress. */
    public void startGateway() {
        status.starting();
        executor.submit(gateway::start, failures -> {
            status.refresh();
            window.refreshCurrent();
        }, e -> LOG.severe("Gateway did not start: " + e.getMessage()));
        supervisor.start();
        loadStack("home", home);
        projectFolder.recall().ifPresent(ports::chooseProject);
        usage.start();
        metrics.start();
        closeables.add(executor.repeat(Duration.ofSeconds(1), () -> executor.onUi(status::refresh)));
    }

    /** Reads a folder's {@code ollamamax-stack.yaml} in the background and runs its processes. */
    private void loadStack(String origin, java.nio.file.Path folder) {
        executor.run(() -> stack.load(origin, folder), window::refreshCurrent,
                e -> LOG.warning("Stack file in " + folder + " not used: " + e.getMessage()));
    }

    public DesktopStack stack() {
        return stack;
    }

    /** Switches light/dark at once and remembers the choice in the saved settings. */
    public void toggleTheme() {
        Theme next = theme.get().other();
        theme.set(next);
        settings.set(Setting.UI_THEME, next.settingValue());
    }

    /** Stops what runs outside this JVM or holds ports: the {@code ollama serve}s it started and the gateway. Any thread. */
    public void closeProcesses() {
        supervisor.close();
        stack.close();
        localNodes.close();
        gateway.close();
    }

    @Override
    public void close() {
        window.hideCurrent();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.fine("close: " + e);
            }
        }
        logs.dispose();
        chat.close();
        metrics.close();
        nodes.close();
        usage.close();
        supervisor.close();
        stack.close();
        localNodes.close();
        gateway.close();
        api.close();
    }
}
