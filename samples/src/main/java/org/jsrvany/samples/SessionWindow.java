package org.jsrvany.samples;

import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;
import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Map;
import java.util.TreeMap;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The desktop-session sample (docs/desktop-session.md): a window that shows which session it runs in, as which
 * user, and its whole environment, so that a service with {@code AppSession=Console} can be seen doing it right
 * (the user's session, the user's name, the user's environment, not the service's). It prints the same lines to
 * its standard output, which the service captures with {@code AppStdout}. Closing the window ends it with 0.
 *
 * <pre>java -cp samples.jar org.jsrvany.samples.SessionWindow</pre>
 */
public final class SessionWindow {
    private SessionWindow() {
    }

    public static void main(String[] args) {
        String summary = summary();
        System.out.println(summary);
        System.out.flush();
        if (GraphicsEnvironment.isHeadless()) {
            System.out.println("No display here (a service in session 0 sees none): nothing to show.");
            return;
        }
        SwingUtilities.invokeLater(() -> show(summary));
    }

    /** Session, user, process and environment, one per line. */
    static String summary() {
        StringBuilder text = new StringBuilder();
        text.append("session: ").append(sessionId()).append('\n');
        text.append("user: ").append(user()).append('\n');
        text.append("pid: ").append(ProcessHandle.current().pid()).append('\n');
        text.append("environment:\n");
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(System.getenv());
        env.forEach((k, v) -> text.append("  ").append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    private static String sessionId() {
        if (!Platform.isWindows()) {
            return "(not Windows)";
        }
        IntByReference id = new IntByReference();
        return Kernel32.INSTANCE.ProcessIdToSessionId(Kernel32.INSTANCE.GetCurrentProcessId(), id)
                ? Integer.toString(id.getValue()) : "(unknown)";
    }

    private static String user() {
        String domain = System.getenv("USERDOMAIN");
        return (domain == null ? "" : domain + "\\") + System.getProperty("user.name");
    }

    private static void show(String summary) {
        JFrame frame = new JFrame("jsrvany desktop-session sample");
        frame.setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
        String[] lines = summary.split("\n", 3);
        JLabel header = new JLabel("<html><b>" + lines[0] + "</b> &nbsp; <b>" + lines[1] + "</b></html>");
        header.setFont(header.getFont().deriveFont(Font.PLAIN, 16f));
        JTextArea area = new JTextArea(summary, 30, 90);
        area.setEditable(false);
        area.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        frame.getContentPane().add(header, BorderLayout.NORTH);
        frame.getContentPane().add(new JScrollPane(area), BorderLayout.CENTER);
        frame.pack();
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
    }
}
