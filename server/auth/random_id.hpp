#pragma once

#include <string>
#include <string_view>

namespace veche::auth {

// prefix + 16 random hex digits from the system's CSPRNG: ids nobody can guess.
std::string random_id(std::string_view prefix);

}  // namespace veche::auth
