// Every UI text in Chinese and English.
#pragma once

#include <string>

#include <string_view>

#include "core/model/language.hpp"

namespace ca::ui {

using model::Language;

enum class Text {
    Layers, Legend, Features, FitToData, NoLayers, Cursor, Scale, WorkingCrs, DataCrs, LanguageName,
    RoleVillages, RoleTownships, RoleSites, RoleLines, RolePonds, RoleDem, RoleUnknown, Repaired, Skipped,
    Visible, Opacity, Up, Down, Remove, ZoomTo, ColourBy, TownshipTint, Method, Classes, Labels,
    SiteFilter, UpToYear, AllYears, Search, SearchHint, NoMatch, Statistics, Township, Villages, Population,
    PoorPopulation, PovertyRate, Income, PoorVillages, Covered, Sites, FundsWan, Total, Attributes, Filter,
    Identify, NothingSelected, Poorest, RelocationScore, Score, SteepShare, ElevationM, RoadDistanceKm, ShowUncovered, Uncovered, Rank, Village, Lisa, Quantile, EqualInterval,
    NaturalBreaks, StdDev, Manual, Count, ProjectFile, Save, AddData, DropHint,
    ExportMap, ExportTitle, ExportPage, ExportFile, ExportButton, ColourSitesBy, ByType, ByYear, ByStatus, ByBatch,
    Status, Batch, All, FillColour, StrokeColour, LineWidth, SymbolSize,
    LoadingData, PreparingMap, Cancel, ComputingStatistics, RedrawingMap, PoorPerKm2, Coverage, FundsPerPoor, ByVillage, ByTownship, Fields, OpenData, ParentFolder, Open, Folder, Play, Stop, Role, DefaultFigureTitle, SaveTable, FilteredCounts, Exporting, Symbol, Circle, Square, Triangle, FieldMapping, LabelChinese, LabelPinyin,
    Problems, NoProblems, Errors, Warnings, Notes, MapFields, NoFieldFor, ProblemsFiltered, LayerNamed, RowNumbered, FeatureNumbered,
    PlacedByPoint, PlacedByName, ReviewNumber, CompiledBy,
    Edit, StopEditing, Undo, Redo, SaveEdits, EditHintPoints, EditHintShapes, NewFeature, Ok, UnsavedEdits, SaveAndClose,
    Discard, ChangedOnDisk, Reload, Overwrite, SetRows, RowsPicked, Candidates, NoCandidates, EditedFeatures, NothingToSave, SaveAsGeoPackage, ImportSheet, ReadSheet, ImportInto, AppendRows, AlreadyInList, NotImported, ImportRowCol, InVillage, MatchedTo, NoSuchVillage, NoSuchTownship, SeveralVillages, NoVillageName, PickOnMap, ClickToPlace,
    DatabasePassword, DatabaseAsksPassword, PasswordKeptInMemory,
    SunAzimuth, SunAltitude, ElevationTint,
    kLast
};

std::string_view tr(Text text, Language language);
// The same as a string, for ImGui calls and concatenation.
inline std::string t(Text text, Language language) { return std::string(tr(text, language)); }
// A text with "{}" standing for a number ("第 {} 行"), the number put in.
std::string t(Text text, Language language, std::size_t number);
// The language of the system locale (LANG, LC_ALL): Chinese for zh_*, English otherwise.
Language language_from_environment();

}  // namespace ca::ui
