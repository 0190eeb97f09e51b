// The libFuzzer entry point of one target; VECHE_FUZZ_CHECK names its check
// (tests/fuzz/CMakeLists.txt builds one executable per check). A problem
// aborts, so libFuzzer keeps the input as a crash artifact.
#include "fuzz_checks.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (const auto problem = veche::fuzz::VECHE_FUZZ_CHECK(input)) {
        std::fprintf(stderr, "fuzz: %s\n", problem->c_str());
        std::abort();
    }
    return 0;
}
