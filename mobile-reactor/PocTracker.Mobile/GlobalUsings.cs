global using MauiReactor;
global using Microsoft.Maui;
global using Microsoft.Maui.Graphics;
global using Microsoft.Maui.Hosting;
global using MauiControls = Microsoft.Maui.Controls;
