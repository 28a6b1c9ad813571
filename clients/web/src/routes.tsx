import { lazy, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";

import { useAuth } from "./auth";
import { Layout } from "./components/Layout";
import { BoardPage } from "./pages/Board";
import { ContactFormPage } from "./pages/ContactForm";
import { ContactPage } from "./pages/ContactPage";
import { ContactsPage } from "./pages/Contacts";
import { LoginPage } from "./pages/Login";
import { MyDayPage } from "./pages/MyDay";
import { NotFoundPage } from "./pages/NotFound";

// Screens used less often load on demand, so the first page stays small.
const ReportsPage = lazy(() => import("./pages/Reports"));
const CompaniesPage = lazy(() => import("./pages/Companies"));
const CompanyPage = lazy(() => import("./pages/CompanyPage"));
const CompanyFormPage = lazy(() => import("./pages/CompanyForm"));
const DealPage = lazy(() => import("./pages/DealPage"));
const RequestsPage = lazy(() => import("./pages/Requests"));
const RequestPage = lazy(() => import("./pages/RequestPage"));
const AdminPage = lazy(() => import("./pages/Admin"));
const ImportPage = lazy(() => import("./pages/Import"));
const AccountPage = lazy(() => import("./pages/Account"));

function RequireAuth({ children }: { children: ReactNode }) {
  const { tokens } = useAuth();
  const location = useLocation();
  if (tokens === null) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/my-day" replace />} />
        <Route path="my-day" element={<MyDayPage />} />
        <Route path="contacts" element={<ContactsPage />} />
        <Route path="contacts/new" element={<ContactFormPage />} />
        <Route path="contacts/:id" element={<ContactPage />} />
        <Route path="contacts/:id/edit" element={<ContactFormPage />} />
        <Route path="board" element={<BoardPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="companies/new" element={<CompanyFormPage />} />
        <Route path="companies/:id" element={<CompanyPage />} />
        <Route path="companies/:id/edit" element={<CompanyFormPage />} />
        <Route path="deals/:id" element={<DealPage />} />
        <Route path="requests" element={<RequestsPage />} />
        <Route path="requests/:id" element={<RequestPage />} />
        <Route path="admin" element={<AdminPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
