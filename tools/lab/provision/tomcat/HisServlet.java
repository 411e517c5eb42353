// medops lab: the HIS web application deployed on mw-app-01's Tomcat (tools/lab/provision/middleware.sh).
// It uses the JNDI DataSource java:comp/env/jdbc/his (a DBCP2 pool to PostgreSQL `his` on pg-db-01),
// so the pool the inspection reads through the manager's JMX proxy is really used.
//   GET /app/          JSON: status, department count read through the pool
//   GET /app/hold?n=N&seconds=S   borrows N connections (max 20) for S seconds (max 120), then returns them
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.sql.DataSource;

@WebServlet(urlPatterns = {"/", "/hold"})
public class HisServlet extends HttpServlet {
    private DataSource pool() throws Exception {
        return (DataSource) new InitialContext().lookup("java:comp/env/jdbc/his");
    }

    private static int bounded(String value, int fallback, int max) {
        try {
            return Math.max(0, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        if ("/hold".equals(req.getServletPath())) {
            hold(req, resp);
            return;
        }
        try (Connection conn = pool().getConnection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM departments")) {
            rs.next();
            resp.getWriter().print("{\"status\":\"UP\",\"service\":\"his-web\",\"departments\":" + rs.getLong(1) + "}");
        } catch (Exception e) {
            resp.setStatus(503);
            resp.getWriter().print("{\"status\":\"DOWN\",\"service\":\"his-web\"}");
            log("database check failed", e);
        }
    }

    private void hold(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int n = bounded(req.getParameter("n"), 1, 20);
        int seconds = bounded(req.getParameter("seconds"), 10, 120);
        List<Connection> held = new ArrayList<>();
        try {
            DataSource ds = pool();
            for (int i = 0; i < n; i++) {
                held.add(ds.getConnection());
            }
            Thread.sleep(seconds * 1000L);
            resp.getWriter().print("{\"held\":" + held.size() + ",\"seconds\":" + seconds + "}");
        } catch (Exception e) {
            resp.setStatus(503);
            resp.getWriter().print("{\"held\":" + held.size() + ",\"error\":\"pool exhausted or database down\"}");
        } finally {
            for (Connection c : held) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // returned to the pool anyway
                }
            }
        }
    }
}
