package dev.ollamamax.ui.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.UiExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Access screen, read from the gateway's own API as the desktop's local admin: the account's
 * keys, its usage over the last {@link #DAYS} days and, for admins, every user. All calls run off the UI
 * thread; a refusal lands in {@link #messageProperty()} in the gateway's words.
 */
public final class AccessViewModel {

    static final int DAYS = 14;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GatewayApi api;
    private final UiExecutor executor;
    private final Clock clock;
    private final ObservableList<KeyRow> keys = FXCollections.observableArrayList();
    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<UsageSummary> usage = new ReadOnlyObjectWrapper<>(UsageSummary.empty());
    private final ReadOnlyBooleanWrapper admin = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper account = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper secret = new ReadOnlyStringWrapper("");

    public AccessViewModel(GatewayApi api, UiExecutor executor, Clock clock) {
        this.api = api;
        this.executor = executor;
        this.clock = clock;
    }

    /** What one refresh read. */
    record Snapshot(String account, boolean admin, List<KeyRow> keys, UsageSummary usage, List<UserRow> users) {
    }

    public ObservableList<KeyRow> keys() {
        return FXCollections.unmodifiableObservableList(keys);
    }

    public ObservableList<UserRow> users() {
        return FXCollections.unmodifiableObservableList(users);
    }

    public ReadOnlyObjectProperty<UsageSummary> usageProperty() {
        return usage.getReadOnlyProperty();
    }

    /** True when the signed-in account is an admin: only then is the users table shown. */
    public ReadOnlyBooleanProperty adminProperty() {
        return admin.getReadOnlyProperty();
    }

    /** True once a refresh has succeeded (the empty states mean "nothing yet", not "not read yet"). */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty accountProperty() {
        return account.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The secret of the key just created, shown once; empty after {@link #dismissSecret()}. */
    public ReadOnlyStringProperty secretProperty() {
        return secret.getReadOnlyProperty();
    }

    public void dismissSecret() {
        secret.set("");
    }

    public void refresh() {
        executor.submit(this::read, this::apply, e -> message.set("Could not read access: " + e.getMessage()));
    }

    Snapshot read() throws Exception {
        JsonNode me = api.call("GET", "/auth/me", null, TIMEOUT);
        boolean isAdmin = "admin".equals(me.path("role").asText());
        List<KeyRow> keyRows = new ArrayList<>();
        api.call("GET", "/auth/keys", null, TIMEOUT).path("keys").forEach(k -> keyRows.add(KeyRow.of(k)));
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        UsageSummary summary = UsageSummary.of(api.call("GET", "/auth/usage?from=" + to.minusDays(DAYS - 1) + "&to=" + to,
                null, TIMEOUT));
        List<UserRow> userRows = new ArrayList<>();
        if (isAdmin) {
            api.call("GET", "/auth/users", null, TIMEOUT).path("users").forEach(u -> userRows.add(UserRow.of(u)));
        }
        return new Snapshot(me.path("username").asText(""), isAdmin, keyRows, summary, userRows);
    }

    void apply(Snapshot s) {
        account.set(s.account());
        admin.set(s.admin());
        keys.setAll(s.keys().stream().filter(k -> !k.revoked()).toList());
        usage.set(s.usage());
        users.setAll(s.users());
        loaded.set(true);
    }

    /** Creates a key; on success its secret is in {@link #secretProperty()} until dismissed. */
    public void createKey(NewKey form) {
        Optional<String> problem = form.problem();
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        command(() -> api.call("POST", "/auth/keys", form.body(), TIMEOUT), answer -> secret.set(answer.path("key").asText()),
                "create the key");
    }

    public void revoke(KeyRow key) {
        command(() -> api.call("DELETE", "/auth/keys/" + key.id(), null, TIMEOUT), a -> { }, "revoke " + key.name());
    }

    public void createUser(String username, String password, String role) {
        Optional<String> problem = AccessForms.username(username).or(() -> AccessForms.password(password));
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        command(() -> api.call("POST", "/auth/users", Map.of("username", username, "password", password, "role", role),
                TIMEOUT), a -> { }, "create " + username);
    }

    public void setRole(UserRow user, String role) {
        change(user, Map.of("role", role), "change the role of " + user.username());
    }

    public void setDisabled(UserRow user, boolean disabled) {
        change(user, Map.of("disabled", disabled), (disabled ? "disable " : "enable ") + user.username());
    }

    public void resetPassword(UserRow user, String password) {
        Optional<String> problem = AccessForms.password(password);
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        change(user, Map.of("password", password), "reset the password of " + user.username());
    }

    private void change(UserRow user, Map<String, Object> body, String what) {
        command(() -> api.call("PATCH", "/auth/users/" + user.username(), body, TIMEOUT), a -> { }, what);
    }

    private interface Call {
        JsonNode call() throws Exception;
    }

    private void command(Call call, java.util.function.Consumer<JsonNode> onDone, String what) {
        message.set("");
        executor.submit(call::call, answer -> {
            onDone.accept(answer);
            refresh();
        }, e -> {
            message.set("Could not " + what + ": " + e.getMessage());
            refresh();
        });
    }
}
