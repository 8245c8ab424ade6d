package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** A pre-flight report stored before suppressions were reported is still read, with none suppressed. */
class PreflightReportTests {

    @Test
    void aReportWithoutTheSuppressionFieldsIsReadAsNoneSuppressed() {
        String stored = """
                {"campaignId":1,"campaignVersion":2,"settingsVersion":3,"decidedAt":"2026-11-23T10:00:00Z","recipients":4,"allowed":3,
                 "denied":1,"allowedByBasis":{"SOFT_OPT_IN":3},"deniedByDenial":{"OBJECTED":1},"samples":{},"lapsingWithin30Days":0,
                 "lapsingSamples":[],"contentPassed":true,"contentFindings":[],"milliseconds":12}""";

        PreflightReport report = JsonMapper.builder().build().readValue(stored, PreflightReport.class);

        assertThat(report.allowed()).isEqualTo(3);
        assertThat(report.suppressed()).isZero();
        assertThat(report.suppressedByReason()).isEmpty();
        assertThat(report.suppressedSamples()).isEmpty();
    }
}
