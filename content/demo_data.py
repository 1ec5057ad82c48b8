"""The demo site's words: three reviewed articles, shared FAQ entries, topics and people."""

REVIEWER = {
    "name": "Dr Amara Okafor",
    "credentials": "MBBS, MD, FRCPath",
    "role": "Consultant haematologist and medical reviewer",
    "bio": (
        "Dr Okafor treats adults with blood cancers and has cared for patients before and after "
        "CAR T-cell therapy. She checks every article on this site for medical accuracy."
    ),
}

AUTHOR = {
    "name": "Leila Haddad",
    "credentials": "MSc Health Communication",
    "role": "Patient information editor",
    "bio": "Leila writes our patient guides and turns specialist language into plain English.",
}

TOPICS = [
    {
        "slug": "car-t-cell-therapy",
        "name": "CAR T-cell therapy",
        "description": "How CAR T-cell therapy works, who it can help, and what to do if it does not.",
    },
    {
        "slug": "blood-cancers",
        "name": "Blood cancers",
        "description": "Leukaemia, lymphoma and related conditions, and the treatments available.",
    },
    {
        "slug": "multiple-myeloma",
        "name": "Multiple myeloma",
        "description": "A cancer of plasma cells in the bone marrow, and how it is treated.",
    },
    {
        "slug": "treatment-abroad",
        "name": "Treatment abroad",
        "description": "Visas, travel, accommodation and care when you go abroad for treatment.",
    },
]

# Keys let articles and the FAQ page share one entry instead of copying it.
FAQ_ENTRIES = {
    "lifespan": (
        "How long do CAR T-cells stay in the body?",
        "<p>It differs from person to person. In many patients the modified cells can still be "
        "found months or even years after the infusion, and while they are there they keep "
        "watching for cancer cells.</p>",
    ),
    "why-fail": (
        "Why does CAR T-cell therapy sometimes stop working?",
        "<p>The most common reasons are that the cancer cells stop showing the marker the CAR "
        "T-cells look for, that the tumour dampens the immune response around it, or that the "
        "CAR T-cells do not survive long enough in the body to finish the job.</p>",
    ),
    "again": (
        "Can I have CAR T-cell therapy more than once?",
        "<p>Sometimes. Whether a second treatment is possible depends on the type of cancer, how "
        "it responded the first time, your general health, and whether a product aimed at a "
        "different marker is available. Your specialist team can tell you if you qualify.</p>",
    ),
    "outlook": (
        "What is the outlook if CAR T-cell therapy has not worked?",
        "<p>It depends on the kind of cancer, which other treatments are still open to you and "
        "how well you are overall. The outlook can be difficult, but new medicines and clinical "
        "trials are changing it, so it is worth asking a specialist centre what is available "
        "now.</p>",
    ),
    "risks": (
        "What are the main risks of CAR T-cell therapy?",
        "<p>The side effects doctors watch for most closely are:</p><ul>"
        "<li>cytokine release syndrome (CRS), a strong immune reaction that can cause fever and "
        "low blood pressure</li><li>effects on the nervous system, such as confusion or "
        "difficulty speaking</li><li>infections</li><li>low blood counts for some weeks</li>"
        "</ul><p>Serious complications are uncommon but can be life-threatening, which is why "
        "patients stay close to the treatment centre afterwards.</p>",
    ),
    "safety": (
        "How safe is CAR T-cell therapy?",
        "<p>Deaths caused by the treatment itself are uncommon. Most serious problems come from "
        "cytokine release syndrome and nervous-system side effects, and experienced centres "
        "are trained to spot and treat them early.</p>",
    ),
    "how-long-stay": (
        "How long will I need to stay near the hospital?",
        "<p>Most centres ask patients to stay within easy reach, often an hour or two away, for "
        "about four weeks after the infusion, with a carer who can be with them day and "
        "night.</p>",
    ),
    "visa": (
        "Do I need a medical visa to be treated abroad?",
        "<p>Many countries have a medical visa for patients and one for the people travelling "
        "with them. The hospital usually provides an invitation letter, and some visas allow "
        "only two companions. We can help you check what applies to you.</p>",
    ),
    "reports": (
        "Which medical reports should I have ready?",
        "<p>A recent summary from your doctor, your latest scan and biopsy reports, blood test "
        "results and a list of treatments you have had, with dates. You do not need everything "
        "to make a first enquiry.</p>",
    ),
}

CAR_T_FAILURE = {
    "slug": "what-if-car-t-cell-therapy-fails",
    "title": "What happens if CAR T-cell therapy does not work?",
    "summary": (
        "CAR T-cell therapy helps many people with blood cancers, but not everyone. This guide "
        "explains why it can fail, which treatments may come next, and what you can do now."
    ),
    "topics": ["car-t-cell-therapy", "blood-cancers", "multiple-myeloma"],
    "body": [
        (
            "paragraph",
            (
                "<p>CAR T-cell therapy is a kind of immunotherapy. Doctors collect some of your own "
                "T-cells, a type of white blood cell, and change them in a laboratory so that they "
                "can recognise a marker on the surface of cancer cells. The changed cells are then "
                "given back to you through a drip, where they find and attack the cancer.</p>"
                "<p>It is used for some blood cancers, such as certain lymphomas and leukaemias, and "
                "for multiple myeloma, usually when other treatments have stopped working. Many "
                "people do very well after it. But for some the cancer does not shrink enough, or it "
                "returns later. If that has happened to you or someone you love, this page explains "
                "why, and what can still be done.</p>"
            ),
        ),
        ("heading", "Why CAR T-cell therapy can fail"),
        (
            "paragraph",
            (
                "<p>Doctors talk about two situations. In the first, the cancer never responds well "
                "to the treatment. In the second, it responds at first and comes back months or "
                "years later, which is called a relapse. There are four main reasons.</p>"
            ),
        ),
        ("subheading", "The cancer hides from the treatment"),
        (
            "paragraph",
            (
                "<p>CAR T-cells are built to look for one marker, called an antigen, on the cancer "
                "cells. Cancer cells can change their genes so that they lose the marker or change "
                "its shape. The CAR T-cells then pass them by. Some tumours also release signals "
                "that calm the immune system down around them, which protects them further.</p>"
            ),
        ),
        ("subheading", "The CAR T-cells run out of strength"),
        (
            "paragraph",
            (
                "<p>Even though they are engineered to fight cancer, CAR T-cells can become worn out "
                "over time. Doctors call this exhaustion. Tired cells stop multiplying and stop "
                "attacking, so some cancer cells survive and the disease starts to grow again.</p>"
            ),
        ),
        ("subheading", "The response is only partial"),
        (
            "paragraph",
            (
                "<p>Sometimes the treatment shrinks the cancer a great deal without removing all of "
                "it. A small number of remaining cells can stay quiet for a while and then slowly "
                "grow. That is why you will have regular check-ups after CAR T-cell therapy.</p>"
            ),
        ),
        ("subheading", "The cancer comes back"),
        (
            "paragraph",
            (
                "<p>A relapse after a good first response is one of the main worries. It can happen "
                "when leftover cancer cells grow again, when new genetic changes make them harder to "
                "treat, or when the immune system has changed after treatment in a way that suits "
                "the cancer. A returning cancer can be more stubborn than before.</p>"
            ),
        ),
        (
            "callout",
            {
                "kind": "urgent",
                "title": "Get urgent medical help if you have",
                "text": (
                    "<ul><li>a high temperature, shivering or feeling suddenly very unwell</li>"
                    "<li>confusion, trouble finding words, shaking or a seizure</li>"
                    "<li>difficulty breathing or a very fast heartbeat</li></ul>"
                    "<p>Call your treatment centre's emergency number or the local emergency "
                    "services straight away.</p>"
                ),
            },
        ),
        ("heading", "What can be done next"),
        (
            "paragraph",
            (
                "<p>There is no single standard treatment after CAR T-cell therapy has failed. Your "
                "specialist will suggest a plan based on the type of cancer, the treatments you have "
                "already had, how long the first response lasted and how well you are. Options "
                "that are often discussed include:</p>"
                "<ul><li><b>A second CAR T-cell treatment.</b> This may use a product aimed at a "
                "different marker, or a newer design of CAR T-cell.</li>"
                "<li><b>Other immunotherapies.</b> Bispecific antibodies, which link T-cells to "
                "cancer cells, and checkpoint inhibitors, which take the brakes off the immune "
                "system, can work when CAR T-cells have not.</li>"
                "<li><b>Chemotherapy or radiotherapy.</b> These older treatments can still control "
                "the disease for some people, sometimes as a bridge to another treatment.</li>"
                "<li><b>A stem cell transplant</b> from a donor, for some patients who are well "
                "enough.</li>"
                "<li><b>Clinical trials.</b> Trials give access to treatments that are not yet "
                "widely available, and many are open to people whose cancer has come back after "
                "CAR T-cell therapy.</li></ul>"
            ),
        ),
        ("heading", "What you can do now"),
        (
            "paragraph",
            (
                "<ul><li><b>Keep your follow-up appointments.</b> Regular tests find a returning "
                "cancer early, when there are more choices.</li>"
                "<li><b>Ask about testing the cancer's genes and markers.</b> The results can show "
                "why the treatment stopped working and which treatments are likely to help.</li>"
                "<li><b>Get a second opinion.</b> Large cancer centres that treat many patients "
                "after CAR T-cell therapy often have more trials and newer medicines.</li>"
                "<li><b>Write down your questions.</b> Take someone with you to appointments to "
                "help you remember what was said.</li></ul>"
            ),
        ),
        (
            "callout",
            {
                "kind": "info",
                "title": "Questions to ask your doctor",
                "text": (
                    "<ul><li>Do we know why the treatment stopped working?</li>"
                    "<li>Which treatments are open to me now, and what are their aims?</li>"
                    "<li>Is there a clinical trial I could join, here or abroad?</li>"
                    "<li>Would another CAR T-cell product be an option for me?</li></ul>"
                ),
            },
        ),
        ("heading", "This is not the end of the road"),
        (
            "paragraph",
            (
                "<p>Hearing that CAR T-cell therapy has not worked is hard news. But treatment for "
                "blood cancers is moving quickly and new options appear every year. Your specialist "
                "team will talk you through every possibility so that you can choose the path that "
                "is right for you.</p>"
            ),
        ),
        ("faq", ["why-fail", "again", "lifespan", "outlook", "risks", "safety"]),
        ("cta", "consultation"),
    ],
    "references": [
        {
            "title": "Mechanisms of resistance to CAR T cell therapy",
            "publisher": "Nature Reviews Clinical Oncology",
            "year": 2019,
            "doi": "10.1038/s41571-019-0184-6",
        },
        {
            "title": "Axicabtagene Ciloleucel CAR T-Cell Therapy in Refractory Large B-Cell "
            "Lymphoma",
            "publisher": "New England Journal of Medicine",
            "year": 2017,
            "doi": "10.1056/NEJMoa1707447",
        },
        {
            "title": "Idecabtagene Vicleucel in Relapsed and Refractory Multiple Myeloma",
            "publisher": "New England Journal of Medicine",
            "year": 2021,
            "doi": "10.1056/NEJMoa2024850",
        },
        {
            "title": "CAR T Cells: Engineering Patients' Immune Cells to Treat Their Cancers",
            "publisher": "National Cancer Institute",
            "year": 2022,
            "url": "https://www.cancer.gov/about-cancer/treatment/research/car-t-cells",
        },
    ],
}

CAR_T_WHAT_TO_EXPECT = {
    "slug": "what-to-expect-during-car-t-cell-therapy",
    "title": "What to expect during CAR T-cell therapy",
    "summary": (
        "A step-by-step guide to CAR T-cell therapy, from collecting your cells to the weeks "
        "after the infusion, and the side effects your team will watch for."
    ),
    "topics": ["car-t-cell-therapy", "blood-cancers"],
    "body": [
        (
            "paragraph",
            (
                "<p>CAR T-cell therapy takes several weeks from start to finish. Knowing the steps "
                "can make it easier to plan, especially if you are travelling for treatment.</p>"
            ),
        ),
        ("heading", "Step 1: collecting your T-cells"),
        (
            "paragraph",
            (
                "<p>Your blood is passed through a machine that separates out the white blood cells "
                "and returns the rest to you. This is called leukapheresis. It takes a few hours and "
                "feels much like giving blood.</p>"
            ),
        ),
        ("heading", "Step 2: making the CAR T-cells"),
        (
            "paragraph",
            (
                "<p>In a laboratory your T-cells are given a new gene that lets them recognise the "
                "cancer, and are then grown into many millions of cells. This usually takes two to "
                "six weeks. Some people have treatment to keep the cancer under control while they "
                "wait, often called bridging therapy.</p>"
            ),
        ),
        ("heading", "Step 3: preparing your body"),
        (
            "paragraph",
            (
                "<p>A few days before the infusion you have a short course of chemotherapy. It "
                "lowers the number of your other immune cells so that the CAR T-cells have room to "
                "grow.</p>"
            ),
        ),
        ("heading", "Step 4: the infusion and the weeks after"),
        (
            "paragraph",
            (
                "<p>The CAR T-cells are given through a drip, usually in less than an hour. The team "
                "then checks you closely for side effects, sometimes in hospital. For about four "
                "weeks you will need to stay near the treatment centre with a carer, and you should "
                "not drive for around eight weeks.</p>"
            ),
        ),
        ("faq", ["risks", "how-long-stay", "lifespan"]),
        ("cta", "consultation"),
    ],
    "references": [
        {
            "title": "Tisagenlecleucel in Children and Young Adults with B-Cell Lymphoblastic "
            "Leukemia",
            "publisher": "New England Journal of Medicine",
            "year": 2018,
            "doi": "10.1056/NEJMoa1709866",
        },
        {
            "title": "ASTCT Consensus Grading for Cytokine Release Syndrome and Neurologic "
            "Toxicity Associated with Immune Effector Cells",
            "publisher": "Biology of Blood and Marrow Transplantation",
            "year": 2019,
            "doi": "10.1016/j.bbmt.2018.12.758",
        },
    ],
}

TRAVEL_ABROAD = {
    "slug": "preparing-to-travel-abroad-for-treatment",
    "title": "Preparing to travel abroad for treatment",
    "summary": (
        "What to sort out before you travel for specialist treatment: medical visas, reports, "
        "flights, somewhere to stay, and support for the people who come with you."
    ),
    "topics": ["treatment-abroad"],
    "body": [
        (
            "paragraph",
            (
                "<p>Travelling for treatment means planning medical and practical details at the "
                "same time. Starting early, and keeping every document in one place, takes much of "
                "the stress away.</p>"
            ),
        ),
        ("heading", "Your medical reports"),
        (
            "paragraph",
            (
                "<p>The hospital abroad needs to understand your illness before it can offer a plan. "
                "Gather a recent letter from your doctor, scan and biopsy reports, and a list of the "
                "treatments you have had. Keep copies on paper and on your phone.</p>"
            ),
        ),
        ("heading", "Visas and travel"),
        (
            "paragraph",
            (
                "<p>Many countries offer a medical visa for patients and a separate one for the "
                "people who travel with them. You will usually need an invitation letter from the "
                "hospital. If you are very unwell, a flight with a medical escort or an air "
                "ambulance may be safer than a normal flight, and some airlines ask for a doctor's "
                "fitness-to-fly form.</p>"
            ),
        ),
        ("heading", "Where to stay"),
        (
            "paragraph",
            (
                "<p>Treatments such as CAR T-cell therapy need you to stay near the hospital for "
                "weeks. Look for accommodation with step-free access, a kitchen and space for a "
                "carer.</p>"
            ),
        ),
        ("faq", ["visa", "reports", "how-long-stay"]),
        ("cta", "travel"),
    ],
    "references": [
        {
            "title": "Medical Tourism",
            "publisher": "CDC Yellow Book: Health Information for International Travel",
            "year": 2024,
            "url": "https://www.cdc.gov/yellow-book/hcp/health-care-abroad/medical-tourism.html",
        },
    ],
}

ARTICLES = [CAR_T_FAILURE, CAR_T_WHAT_TO_EXPECT, TRAVEL_ABROAD]

FAQ_PAGE_SECTIONS = [
    ("About CAR T-cell therapy", ["lifespan", "why-fail", "again", "outlook"]),
    ("Safety and side effects", ["risks", "safety"]),
    ("Travelling for treatment", ["visa", "reports", "how-long-stay"]),
]

DISCLAIMER = (
    "<p>This article is for general information and education. It is not medical advice and "
    "does not replace a conversation with your own doctor, who knows your situation.</p>"
)

CONSULTATION_INTRO = (
    "<p>Tell us about the patient and the diagnosis. A care coordinator will reply within 24 "
    "hours with the specialists and hospitals that could help, and what it would involve. The "
    "consultation is free and you are under no obligation.</p>"
)

TRAVEL_INTRO = (
    "<p>We arrange medical visa invitation letters, flights, accommodation near the hospital, "
    "airport pickup, interpreters and air ambulances. Tell us what you need; we do not ask for "
    "passport copies at this stage.</p>"
)

PRIVACY_NOTE = (
    "<p>Only our care coordinators can see the health details you send. We share them with a "
    "hospital only when you agree, never send them by e-mail, and erase them 24 months after "
    "our last contact with you.</p>"
)

THANK_YOU = "<p>While you wait, you may find our guides and frequently asked questions useful.</p>"

PRIVACY_NOTICE = (
    "<p>We collect the details you give us in a consultation or travel-assistance request so "
    "that we can answer it. Because they include health information, we ask for your explicit "
    "consent. Only our care coordinators can see them. We share them with a hospital or doctor "
    "only when you ask us to. We keep an enquiry for 24 months after our last contact, and "
    "spam for 30 days, then erase it with its files. You can ask us for a copy of your data, "
    "or ask us to erase it, at any time by writing to care@example.org.</p>"
)
