import BounceCore

/// The block-list families of the daemon's textfile, from the lookups' `ListingState`.
public enum ListingMetricsRenderer {
    public enum Family: String, CaseIterable {
        case listed = "bouncewatch_dnsbl_listed"
        case returnCode = "bouncewatch_dnsbl_return_code_info"
        case errors = "bouncewatch_dnsbl_check_errors_total"
        case lastCheck = "bouncewatch_dnsbl_last_check_timestamp_seconds"
        case up = "bouncewatch_dnsbl_list_up"
    }

    public static func render(_ state: ListingState) -> String {
        var output = ""
        var listed = DaemonSeriesBuffer(type: .gauge)
        var codes = DaemonSeriesBuffer(type: .gauge)
        for list in state.lists {
            for target in state.targets where list.covers(target) {
                guard let entry = state.entries[list.id]?[target] else { continue }
                let labels = [("list", list.id), ("target", target.description)]
                listed.add(labels, entry.listed ? 1 : 0)
                for answer in entry.answers {
                    codes.add(labels + [("code", answer.code), ("meaning", answer.meaning)], 1)
                }
            }
        }
        var errors = DaemonSeriesBuffer(type: .counter)
        var last = DaemonSeriesBuffer(type: .gauge)
        var up = DaemonSeriesBuffer(type: .gauge)
        for list in state.lists {
            for reason in ListingError.Reason.allCases {
                if let count = state.errors[list.id]?[reason] {
                    errors.add([("list", list.id), ("reason", reason.rawValue)], count)
                }
            }
            if let time = state.lastCheck[list.id] {
                last.add([("list", list.id)], Int(time))
                up.add([("list", list.id)], state.up[list.id] == false ? 0 : 1)
            }
        }
        append(
            listed, .listed, "1 when the target is on the list, 0 when the last answer was clean.",
            to: &output)
        append(
            codes, .returnCode,
            "The list's answer for a listed target, with the list's meaning of it.", to: &output)
        append(
            errors, .errors,
            "Lookups that gave no verdict, by reason (refused, nxdomain, servfail, timeout, ...).",
            to: &output)
        append(last, .lastCheck, "When the list was last asked, in Unix seconds.", to: &output)
        append(
            up, .up, "0 when the list's last round had an error, 1 when it answered every lookup.",
            to: &output)
        return output
    }

    private static func append(
        _ buffer: DaemonSeriesBuffer, _ family: Family, _ help: String, to output: inout String
    ) {
        guard !buffer.series.isEmpty else { return }
        PrometheusText.appendFamily(
            to: &output, name: family.rawValue, type: buffer.type, help: help)
        for series in buffer.series {
            PrometheusText.appendSample(
                to: &output, name: family.rawValue, labels: series.labels, value: series.value)
        }
    }
}
