package nl.mailwijs.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who started Mailwijs where it runs, how to sign in, and where the data lives. */
@Component
class StartupReport {

    private final AdminAccounts accounts;
    private final DataSource dataSource;
    private final String chosenPassword;
    private final List<StartupReportLine> lines;

    StartupReport(AdminAccounts accounts, DataSource dataSource, @Value("${MAILWIJS_ADMIN_PASSWORD:}") String chosenPassword,
                  List<StartupReportLine> lines) {
        this.accounts = accounts;
        this.dataSource = dataSource;
        this.chosenPassword = chosenPassword;
        this.lines = List.copyOf(lines);
    }

    @EventListener
    void ready(ApplicationReadyEvent event) throws SQLException {
        var generated = accounts.ensureAdmin(chosenPassword);
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        StringBuilder report = new StringBuilder()
                .append("\nMailwijs runs on http://localhost:").append(port).append('\n')
                .append("  web:      http://localhost:").append(port).append("/  (sign in with the login below)\n")
                .append("  API:      http://localhost:").append(port).append("/api/v1  (health: /actuator/health)\n")
                .append("  data:     ").append(databaseDescription()).append('\n');
        for (StartupReportLine line : lines) {
            report.append("  ").append(String.format("%-10s", line.label())).append(line.text(port)).append('\n');
        }
        if (generated.isPresent()) {
            report.append("  login:    ").append(AdminAccounts.ADMIN).append(" / ").append(generated.get())
                    .append("   (shown once; keep it somewhere safe)\n");
        } else {
            report.append("  login:    ").append(AdminAccounts.ADMIN).append(" (password as set before)\n");
        }
        report.append("  API token: bin/mailwijs token create --scope read|write\n");
        System.out.println(report);
    }

    private String databaseDescription() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            if (url.startsWith("jdbc:h2:file:")) {
                String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
                return path + ".mv.db (embedded H2)";
            }
            return url.split("\\?", 2)[0] + " (" + connection.getMetaData().getDatabaseProductName() + ")";
        }
    }
}
