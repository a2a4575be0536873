#pragma once
// libyaml's event parser (Debian libyaml-dev); BounceConfig builds its own node tree from the
// events.
#include <yaml.h>
