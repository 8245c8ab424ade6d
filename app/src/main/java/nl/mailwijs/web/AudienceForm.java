package nl.mailwijs.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.mailwijs.campaigns.Audience;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;

/**
 * A new segment as typed in the audience step: lists comma-separated, one attribute a line as
 * {@code city: Utrecht, Zwolle}, dates as the date inputs send them (yyyy-MM-dd).
 */
public record AudienceForm(String segmentName, String tags, String countries, String attributes, List<String> channels,
                           String purchaseCategories, String purchasedWithinDays, String purchasedAfter, String purchasedBefore,
                           String consentTopics) {

    public AudienceForm {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    static AudienceForm empty() {
        return new AudienceForm("", "", "", "", List.of(), "", "", "", "", "");
    }

    /**
     * The audience the form describes.
     *
     * @throws InvalidRequestException naming the field (as {@link Audience#check} names them) that cannot be read
     */
    Audience audience() {
        Audience audience = new Audience(list(tags), list(countries), list(purchaseCategories), days(), list(consentTopics),
                attributeMap(), date("purchasedAfter", purchasedAfter), date("purchasedBefore", purchasedBefore), channelList());
        audience.check("");
        return audience;
    }

    private Integer days() {
        if (purchasedWithinDays == null || purchasedWithinDays.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(purchasedWithinDays.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("purchasedWithinDays", "is not a whole number of days");
        }
    }

    private Map<String, List<String>> attributeMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (attributes == null) {
            return map;
        }
        for (String line : attributes.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidRequestException("attributes", "write each attribute as name: value, value");
            }
            map.put(line.substring(0, colon).strip(), list(line.substring(colon + 1)));
        }
        return map;
    }

    private List<Channel> channelList() {
        List<Channel> list = new ArrayList<>();
        for (String channel : channels) {
            try {
                list.add(Channel.valueOf(channel));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("channels", "is not a channel");
            }
        }
        return list;
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "is not a date (yyyy-mm-dd)");
        }
    }

    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(value -> !value.isEmpty()).toList();
    }
}
