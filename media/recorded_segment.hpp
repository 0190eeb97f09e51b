#pragma once
// One line of a rung's recording index: a segment the relay published and
// wrote to disk, or a stretch of slate (the source was lost) that was not
// recorded but is marked so that a replay shows the gap. The index is a text
// file of such lines, one per segment, appended as the segments are written:
// a line is the proof that its segment file is whole on disk.

#include "media/stream_info.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace veche::media {

struct recorded_segment {
    bool gap = false;          // slate: no file
    std::string name;          // "{epoch}-{sequence}.ts", the live segment's name; empty for a gap
    std::int64_t program_date_ms = 0;
    std::int64_t duration_ms = 0;
    std::uint64_t bytes = 0;
    bool discontinuity = false;  // a new timeline starts here (a new take)
    stream_info info;            // what its first picture and sound are, for a replay's multivariant playlist

    std::int64_t end_ms() const { return program_date_ms + duration_ms; }
};

// "seg\t{name}\t{pdt_ms}\t{duration_ms}\t{bytes}\t{discontinuity}\t{w}\t{h}\t{fps}\t{video codec}\t{audio codec}\n"
// or "gap\t{pdt_ms}\t{duration_ms}\n".
std::string index_line(const recorded_segment& s);
// Null for anything that is not a whole, valid line (a line torn by a crash, a name that is not a segment's).
std::optional<recorded_segment> parse_index_line(std::string_view line);
// "{digits}-{digits}.ts": the only names a recording holds (and the only ones a request may look up).
bool is_recorded_segment_name(std::string_view name);

}  // namespace veche::media
