#pragma once

#include "core/audit_entry.hpp"
#include "core/error_code.hpp"
#include "core/session_change.hpp"
#include "core/transcript_segment.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace veche::core {

// The outcome of one command: a refusal, or the fields of its ack and the
// changes it made (none when it changed nothing, e.g. a repeated vote).
struct command_result {
    std::optional<refusal> refused;
    nlohmann::json ack = nlohmann::json::object();
    std::vector<change> changes;
    // What the audit trail keeps of it: stored in the same transaction as the changes.
    std::vector<audit_entry> audit;
    // A transcript line still being typed: shown to everyone, never stored.
    std::optional<transcript_segment> partial;

    static command_result refuse(error_code code, std::string message) {
        command_result r;
        r.refused = refusal{code, std::move(message)};
        return r;
    }
};

}  // namespace veche::core
