package cn.gansu.lianhu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The launcher shows the services' JSON log lines (prod, issue 9 point 5) readably when a start fails. */
class LogLineTest {

    @Test
    void jsonLinesAreShownAsTimeLevelLoggerCorrelationIdAndMessage() {
        assertEquals("2026-11-30T08:00:00.1Z INFO  [HouseholdService] (call-1) household 42 registered",
                Launcher.readable("{\"timestamp\":\"2026-11-30T08:00:00.1Z\",\"loggerName\":"
                        + "\"cn.gansu.lianhu.registry.service.HouseholdService\",\"level\":\"INFO\",\"message\":"
                        + "\"household 42 registered\",\"threadName\":\"executor-thread-1\",\"mdc\":{\"correlationId\":"
                        + "\"call-1\"},\"hostName\":\"vm\"}"));
        assertEquals("2026-11-30T08:00:01Z ERROR [Application] Failed to start\n    java.lang.IllegalStateException: boom",
                Launcher.readable("{\"timestamp\":\"2026-11-30T08:00:01Z\",\"loggerName\":\"io.quarkus.runtime"
                        + ".Application\",\"level\":\"ERROR\",\"message\":\"Failed to start\",\"mdc\":{},"
                        + "\"exception\":{\"refId\":1,\"exceptionType\":\"java.lang.IllegalStateException\","
                        + "\"message\":\"boom\",\"frames\":[]}}"));
        // plain text (a JVM error, QUARKUS_LOG_CONSOLE_JSON_ENABLED=false) and broken JSON stay as they are
        assertEquals("Exception in thread \"main\"", Launcher.readable("Exception in thread \"main\""));
        assertEquals("{\"timestamp\":\"2026", Launcher.readable("{\"timestamp\":\"2026"));
    }
}
