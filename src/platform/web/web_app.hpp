// web_app.hpp — the page's one App, for the pl_* export files of the web platform.
//
// Depends on: ui/app.hpp.
#pragma once
#include "ui/app.hpp"

// Null until pl_init() succeeded.
passerelle::ui::App* pl_app();
