#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace veche::core {

// Milliseconds since the Unix epoch, UTC.
using epoch_ms = std::int64_t;

// Parses an RFC 3339 date-time ("2026-01-15T10:00:00Z", "2026-01-15T13:00:00+03:00",
// optional fractional seconds). Returns nothing when the text is not one.
std::optional<epoch_ms> parse_rfc3339(std::string_view text);

// Formats as RFC 3339 in UTC with a "Z": whole seconds, or milliseconds when they are not zero.
std::string format_rfc3339(epoch_ms t);
// The same, always with milliseconds ("2026-01-15T10:00:00.000Z"): rows of the audit trail sort as text.
std::string format_rfc3339_ms(epoch_ms t);

}  // namespace veche::core
