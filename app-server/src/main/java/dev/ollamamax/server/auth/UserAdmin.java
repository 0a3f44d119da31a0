package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Database;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What admins do to other accounts: list them, change role, disable or enable, set a password. A change
 * that would leave no enabled admin is refused (409). A disabled account, a role change or a new password
 * ends the account's sessions, so its access tokens stop at once; its API keys are refused while it is
 * disabled and carry the new role from the next request (keys are checked against the account every call).
 */
final class UserAdmin {

    /** The fields of a PATCH; absent ones stay as they are. */
    record Change(Optional<String> role, Optional<Boolean> disabled, Optional<String> password) {
    }

    private final Database database;
    private final Sessions sessions;
    private final PasswordHasher hasher = new PasswordHasher();

    UserAdmin(Database database, Sessions sessions) {
        this.database = database;
        this.sessions = sessions;
    }

    List<Accounts.UserView> list() throws SQLException {
        return database.query(Users::all).stream().map(Accounts.UserView::of).toList();
    }

    Accounts.UserView change(Principal admin, String username, Change change) throws SQLException {
        change.role().ifPresent(Accounts::validateRole);
        change.password().ifPresent(p -> Accounts.validatePassword(p, "password"));
        Optional<String> hash = change.password().map(hasher::hash);
        User after = database.transaction(c -> {
            Users.lockAdmins(c);
            User user = Users.byName(c, username).filter(u -> !u.username().equals(Users.LOCAL_USER))
                    .orElseThrow(() -> new AuthException(404, "there is no user named '" + username + "'"));
            String role = change.role().orElse(user.role());
            boolean disabled = change.disabled().orElse(user.disabled());
            boolean wasActiveAdmin = Users.ADMIN.equals(user.role()) && !user.disabled();
            boolean staysActiveAdmin = Users.ADMIN.equals(role) && !disabled;
            if (wasActiveAdmin && !staysActiveAdmin && Users.activeAdmins(c) <= 1) {
                throw new AuthException(409, user.username() + " is the last enabled admin; make another admin first");
            }
            Users.updateRoleAndState(c, user.id(), role, disabled);
            if (hash.isPresent()) {
                Users.updatePassword(c, user.id(), hash.get());
            }
            AuditLog.record(c, Optional.of(admin.userId()), admin.username(), "user.update", user.username(),
                    "role=" + role + " disabled=" + disabled + (hash.isPresent() ? " password=changed" : ""));
            return Users.byId(c, user.id()).orElseThrow();
        });
        sessions.revokeAll(after.id());
        return Accounts.UserView.of(after);
    }
}
