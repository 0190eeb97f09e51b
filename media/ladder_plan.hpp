#pragma once
// Which rungs of a hall's ladder a source feeds, once its picture size is
// known (contract 7.4): the rung as tall as the source is the source relayed
// as it comes (the top), shorter ones are encoded at their height and the
// source's shape, taller ones are skipped (the source may change, so this is
// no error). A source as tall as no rung is relayed all the same, as the top.

#include "core/event_definition.hpp"

#include <string>
#include <vector>

namespace veche::media {

enum class rung_role { passthrough, encoded, skipped };

struct picture_size {
    int width = 0;
    int height = 0;
    int par_n = 1;  // pixel aspect ratio
    int par_d = 1;
    bool operator==(const picture_size&) const = default;
};

struct ladder_plan {
    picture_size source;
    std::vector<rung_role> roles;  // one per rung of the ladder, in its order
    std::vector<int> widths;       // of the encoded rungs (even); 0 for the others
    bool operator==(const ladder_plan&) const = default;

    // The ladder's name for the top (the passthrough rung), empty when no rung is as tall as the source.
    std::string top_name(const std::vector<core::rung_definition>& ladder) const;
    bool encodes_any() const;
};

ladder_plan plan_ladder(const std::vector<core::rung_definition>& ladder, const picture_size& source);

// The plan before anything is known of the source: as if it were as tall as the tallest rung (so the slate
// is offered in every rung the operator expects).
ladder_plan assumed_plan(const std::vector<core::rung_definition>& ladder);

}  // namespace veche::media
