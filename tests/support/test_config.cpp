#include "support/test_config.hpp"

#include <fstream>

namespace veche::test {

nlohmann::json demo_config() {
    std::ifstream in(std::string(VECHE_SOURCE_DIR) + "/config/demo.json");
    return nlohmann::json::parse(in);
}

std::string write_config(const temp_dir& dir, const nlohmann::json& config, const std::string& name) {
    return dir.write(name, config.dump(2)).string();
}

}  // namespace veche::test
