#pragma once

namespace veche::app {

// config/demo.json as it was when the executable was built.
extern const char* const demo_config_text;
extern const char* const demo_config_name;

}  // namespace veche::app
