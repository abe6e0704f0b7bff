package io.qjmkit.fencing.output;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class BoundedLineLogTest {

    @Test
    void logsUpToTheBoundThenCountsTheRest() {
        Logger log = mock(Logger.class);
        BoundedLineLog lines = new BoundedLineLog(log, "[p]", 2, 5);

        lines.line("one");
        lines.line("0123456789");
        lines.line("three");
        lines.line("four");
        lines.finish();

        verify(log).info("{} {}", "[p]", "one");
        verify(log).info("{} {}", "[p]", "01234...");
        verify(log, times(2)).info(eq("{} {}"), eq("[p]"), anyString());
        verify(log).info("{} ... {} more lines not logged", "[p]", 2L);
    }

    @Test
    void splitsBytesWrittenToItsStreamIntoLines() throws Exception {
        Logger log = mock(Logger.class);
        BoundedLineLog lines = new BoundedLineLog(log, "[p]", 10, 100);

        try (OutputStream out = lines.asOutputStream()) {
            out.write("alpha\r\nbe".getBytes(StandardCharsets.UTF_8));
            out.write("ta\ngamma".getBytes(StandardCharsets.UTF_8));
        }

        verify(log).info("{} {}", "[p]", "alpha");
        verify(log).info("{} {}", "[p]", "beta");
        verify(log).info("{} {}", "[p]", "gamma");
    }
}
