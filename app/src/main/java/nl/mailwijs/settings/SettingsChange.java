package nl.mailwijs.settings;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new version of the settings, as a client sends it. Absent policy fields take the NL defaults. */
public record SettingsChange(
        @NotBlank(message = "the legal or registered trade name is required (Tw 11.7(4))") @Size(max = 300) String legalName,
        @Size(max = 300) String tradeName,
        @Pattern(regexp = "\\d{8}", message = "a KvK number has 8 digits") String kvkNumber,
        @Size(max = 500) String postalAddress,
        @NotBlank(message = "the sender's country is required (ISO 3166-1 alpha-2, e.g. NL)") String country,
        @Size(max = 320) String objectionAddress,
        Map<String, List<String>> similarTopics,
        @Min(value = 1, message = "must be between 1 and 600") @Max(value = 600, message = "must be between 1 and 600") Integer softOptInMonths,
        List<String> offerAddressLocalParts) {
}
