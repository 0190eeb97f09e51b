#pragma once
// A staff token from `veche token --config CONFIG --role ROLE`, for the
// scenarios' moderators and askers.

#include <string>

namespace veche::bench {

std::string mint_staff_token(const std::string& veche, const std::string& config, const std::string& role);

}  // namespace veche::bench
